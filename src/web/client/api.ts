/** A small typed fetch wrapper: JSON in, JSON out, errors as { code, message, path }. */
export interface ApiError {
  code: string;
  message: string;
  path: string | null;
  status: number;
}

export class ApiFailure extends Error {
  constructor(readonly error: ApiError) {
    super(error.message);
  }
}

export async function api<T>(
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  body?: unknown,
): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      credentials: 'same-origin',
      headers:
        body === undefined
          ? { accept: 'application/json' }
          : { 'content-type': 'application/json', accept: 'application/json' },
      body: body === undefined ? null : JSON.stringify(body),
    });
  } catch {
    throw new ApiFailure({
      code: 'network',
      message: 'We could not reach the server. Check your connection and try again.',
      path: null,
      status: 0,
    });
  }
  const text = await res.text();
  let data: unknown = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!res.ok) {
    const e = (data as { error?: Partial<ApiError> } | null)?.error;
    throw new ApiFailure({
      code: e?.code ?? 'http_' + res.status,
      message: e?.message ?? 'Something went wrong. Please try again.',
      path: e?.path ?? null,
      status: res.status,
    });
  }
  return data as T;
}
