import { JwtService } from '@nestjs/jwt';
import type { Response } from 'supertest';

/** As long as the hub's secret but not it: a token signed with it must be refused. */
export const FORGERY_SECRET = 'not-the-hub-secret-but-just-as-long-0123456789';

/**
 * Staff claims for a real staff account and its open session, signed with the forgery secret (or, as a control,
 * with the real one): only the signature differs from a token the api would accept.
 */
export function staffToken(staff: { id: string; token: string }, secret: string = FORGERY_SECRET): string {
  const { sid } = new JwtService().decode<{ sid: string }>(staff.token);
  return new JwtService().sign({ sub: staff.id, role: 'staff', sid }, { secret, expiresIn: 3600 });
}

/**
 * A matrix cell's status, with the body in the failure message; for any 4xx the JSON error body
 * ({statusCode, code, message}) and, for a 400, the parameter it names.
 */
export function expectStatus(res: Response, expected: number, code: string | undefined, paramInError?: string): void {
  expect({ status: res.status, body: res.body }).toMatchObject({ status: expected });
  if (expected >= 400) {
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body).toEqual(expect.objectContaining({ statusCode: expected, code, message: expect.any(String) }));
    expect(res.body.message.length).toBeGreaterThan(0);
    if (expected === 400 && paramInError) {
      expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: paramInError })]));
    }
  }
}
