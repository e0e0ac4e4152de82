import type { FastifyReply, FastifyRequest } from 'fastify';
import { SESSION_DAYS } from '../services/auth';

export const SESSION_COOKIE = 'hb_session';

export function setSessionCookie(req: FastifyRequest, reply: FastifyReply, token: string) {
  void reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: req.protocol === 'https',
    maxAge: SESSION_DAYS * 24 * 60 * 60,
  });
}

export function clearSessionCookie(req: FastifyRequest, reply: FastifyReply) {
  void reply.clearCookie(SESSION_COOKIE, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: req.protocol === 'https',
  });
}

export const userAgent = (req: FastifyRequest) => String(req.headers['user-agent'] ?? '');
