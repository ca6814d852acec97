// Proof that Jest (native ESM mode, @swc/jest) loads the ESM-only packages of the stack and boots a
// Nest 12 testing module with decorator metadata: NestJS 12, jose 6, openid-client 6.
import { Controller, Get, Injectable, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { SignJWT, jwtVerify } from 'jose';
import * as oidc from 'openid-client';

@Injectable()
class Greeter {
  greet(): string {
    return 'bonjour';
  }
}

@Controller('greet')
class GreetController {
  constructor(private readonly greeter: Greeter) {}
  @Get()
  get(): string {
    return this.greeter.greet();
  }
}

@Module({ controllers: [GreetController], providers: [Greeter] })
class GreetModule {}

describe('ESM-only packages under Jest', () => {
  it('boots a Nest 12 testing module and injects by constructor type (decorator metadata)', async () => {
    const moduleRef = await Test.createTestingModule({ imports: [GreetModule] }).compile();
    expect(moduleRef.get(GreetController).get()).toBe('bonjour');
    await moduleRef.close();
  });

  it('signs and verifies a JWT with jose 6', async () => {
    const key = new TextEncoder().encode('a-test-key-of-at-least-32-bytes!!');
    const token = await new SignJWT({ sub: 'u1' }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('1m').sign(key);
    expect((await jwtVerify(token, key)).payload.sub).toBe('u1');
  });

  it('loads openid-client 6', () => {
    expect(typeof oidc.discovery).toBe('function');
    expect(typeof oidc.buildAuthorizationUrl).toBe('function');
  });
});
