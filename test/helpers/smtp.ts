import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';

export interface ReceivedMail {
  to: string[];
  raw: string;
  subject: string;
  /** The first link in the message that points at the given path, e.g. "/reset". */
  link(pathname: string): string;
}

/** A real SMTP server on a random loopback port that keeps what it receives. */
export async function startSmtp() {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      let raw = '';
      stream.setEncoding('utf8');
      stream.on('data', (c: string) => (raw += c));
      stream.on('end', () => {
        // Undo quoted-printable soft line breaks and =XX escapes so links can be read.
        const decoded = raw
          .replace(/=\r?\n/g, '')
          .replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
        const subject = /^Subject: (.*)$/m.exec(decoded)?.[1]?.trim() ?? '';
        received.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: decoded,
          subject,
          link(pathname: string) {
            const m = new RegExp(
              `https?://[^\\s"<>]+${pathname.replace(/\//g, '\\/')}\\?token=[A-Za-z0-9_%-]+`,
            ).exec(decoded);
            if (!m) throw new Error(`no ${pathname} link in mail "${subject}"`);
            return m[0];
          },
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    received,
    /** Mail received for this address, newest last. */
    to(address: string) {
      return received.filter((m) => m.to.includes(address));
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
