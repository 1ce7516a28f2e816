import { createPrivateKey, createPublicKey, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '@complaints/event-store';
import {
  checkpointSignatureProblem,
  checkpointSignedBytes,
  keyIdOf,
  logLeafData,
  publishedKeyOf,
  rawPublicKey,
  signCheckpoint,
} from '../src';

/** RFC 8032 §7.1, TEST 1: a published Ed25519 key pair, so the key id below can be checked by anyone. */
const SECRET = Buffer.from('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60', 'hex');
const PUBLIC = Buffer.from('d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a', 'hex');
const privateKey = createPrivateKey({
  key: { kty: 'OKP', crv: 'Ed25519', d: SECRET.toString('base64url'), x: PUBLIC.toString('base64url') },
  format: 'jwk',
});

describe('checkpoints (docs/integrity.md, "Checkpoints")', () => {
  const head = {
    treeSize: 8,
    rootHash: '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
    issuedAt: '2026-03-02T12:00:00.000Z',
  };

  it('key id: SHA-256 of the raw 32-byte public key', () => {
    expect(rawPublicKey(createPublicKey(privateKey)).equals(PUBLIC)).toBe(true);
    expect(keyIdOf(PUBLIC)).toBe('21fe31dfa154a261626bf854046fd2271b7bed4b6abe45aa58877ef47f9721b9');
    expect(publishedKeyOf(privateKey, null, true)).toMatchObject({
      keyId: keyIdOf(PUBLIC),
      algorithm: 'Ed25519',
      publicKey: PUBLIC.toString('base64'),
    });
  });

  it('signs exactly the documented five lines, and any tool with the public key can check them', () => {
    const checkpoint = signCheckpoint(head, privateKey);
    const bytes = checkpointSignedBytes(checkpoint);
    expect(bytes.toString('utf8')).toBe(
      'complaints-transparency-log/checkpoint/v1\n8\n5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328\n2026-03-02T12:00:00.000Z\n21fe31dfa154a261626bf854046fd2271b7bed4b6abe45aa58877ef47f9721b9\n',
    );
    expect(verify(null, bytes, createPublicKey(privateKey), Buffer.from(checkpoint.signature, 'base64'))).toBe(true);
    // Ed25519 is deterministic: the same checkpoint, the same signature.
    expect(signCheckpoint(head, privateKey).signature).toBe(checkpoint.signature);
    expect(checkpointSignatureProblem(checkpoint, PUBLIC.toString('base64'))).toBeUndefined();
  });

  it.each([
    ['treeSize', { treeSize: 9 }],
    ['rootHash', { rootHash: '0'.repeat(64) }],
    ['issuedAt', { issuedAt: '2026-03-02T12:00:00.001Z' }],
  ])('a changed %s no longer verifies', (_field, change) => {
    const checkpoint = { ...signCheckpoint(head, privateKey), ...change };
    expect(checkpointSignatureProblem(checkpoint, PUBLIC.toString('base64'))).toMatch(/does not verify/);
  });

  it('refuses fields that could make two checkpoints sign the same bytes', () => {
    expect(() => checkpointSignedBytes({ ...head, treeSize: 1.5, keyId: 'a'.repeat(64) })).toThrow(/treeSize/);
    expect(() => checkpointSignedBytes({ ...head, rootHash: 'ABC', keyId: 'a'.repeat(64) })).toThrow(/rootHash/);
    expect(() =>
      checkpointSignedBytes({ ...head, issuedAt: '2026-03-02T12:00:00Z\nx', keyId: 'a'.repeat(64) }),
    ).toThrow(/issuedAt/);
  });
});

describe('canonical JSON (RFC 8785) as the chain and the leaves use it', () => {
  it('sorts keys by UTF-16 code units, as the example of RFC 8785 §3.2.3 (its keys other than "1")', () => {
    const keys = ['\u20ac', '\r', '\ufb33', '\ud83d\ude00', '\u0080', '\u00f6'];
    const value = Object.fromEntries(keys.map((k, i) => [k, i]));
    expect(canonicalJson(value)).toBe('{"\\r":1,"\u0080":4,"\u00f6":5,"\u20ac":0,"\ud83d\ude00":3,"\ufb33":2}');
  });

  it('differs from RFC 8785 only for member names that are array indices ("1", "42"): JavaScript puts them first — no stored event has one (docs/integrity.md)', () => {
    // Pinned, not fixed: changing it would change the hash of any stored event that had such a name.
    expect(canonicalJson({ b: 1, '10': 2, '9': 3 })).toBe('{"9":3,"10":2,"b":1}');
  });

  it('writes numbers as ECMAScript does (RFC 8785 §3.2.2.3), literals and strings as JSON.stringify, nested objects sorted too', () => {
    expect(canonicalJson({ b: [1e21, 0.1, -0, 1e-7, 333333333.3333333], a: { z: null, y: true, x: 'é\u2028"' } })).toBe(
      '{"a":{"x":"é\u2028\\"","y":true,"z":null},"b":[1e+21,0.1,0,1e-7,333333333.3333333]}',
    );
  });

  it('a leaf is the canonical JSON of {eventId, hash, revision, streamId}', () => {
    const leaf = {
      streamId: 'complaint-c1',
      revision: 2,
      eventId: '0b9c6f0e-1d2a-4c1e-9a57-5b8f3c2d1e0f',
      hash: 'ab'.repeat(32),
    };
    expect(logLeafData(leaf).toString('utf8')).toBe(
      `{"eventId":"0b9c6f0e-1d2a-4c1e-9a57-5b8f3c2d1e0f","hash":"${'ab'.repeat(32)}","revision":2,"streamId":"complaint-c1"}`,
    );
  });
});

describe('what the hash covers is always within RFC 8785 (no array-index member names)', () => {
  it('every event schema ever published, and the metadata, name their members: no open maps, no numeric names', async () => {
    const { allEventVersions, EventMetadata } = await import('@complaints/contracts');
    const { z } = await import('zod');
    const offending: string[] = [];
    const walk = (schema: unknown, path: string): void => {
      if (typeof schema !== 'object' || schema === null) return;
      const node = schema as Record<string, unknown>;
      if (
        node['type'] === 'object' &&
        node['additionalProperties'] !== false &&
        node['additionalProperties'] !== undefined
      )
        offending.push(`${path}: an open map`);
      for (const name of Object.keys((node['properties'] as object | undefined) ?? {}))
        if (/^(0|[1-9]\d*)$/.test(name)) offending.push(`${path}.${name}`);
      for (const [key, child] of Object.entries(node)) walk(child, `${path}/${key}`);
    };
    for (const definition of allEventVersions)
      walk(
        z.toJSONSchema(definition.schema, { unrepresentable: 'any' }),
        `${definition.type}v${definition.schemaVersion}`,
      );
    walk(z.toJSONSchema(EventMetadata, { unrepresentable: 'any' }), 'metadata');
    expect(offending).toEqual([]);
    // The walk does see what it looks for.
    walk(
      z.toJSONSchema(z.object({ m: z.record(z.string(), z.number()), n: z.object({ '7': z.string() }).strict() })),
      'control',
    );
    expect(offending).toEqual(['control/properties/m: an open map', 'control/properties/n.7']);
  });
});
