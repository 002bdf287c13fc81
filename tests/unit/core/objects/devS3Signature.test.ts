import { describe, expect, it } from 'vitest';
import { verifySignatureV4 } from '../../../../electron/core/objects/devS3Server.mjs';

// AWS's published Signature V4 examples for S3 (docs: "Signature calculations for the Authorization header").
const ACCESS_KEY = 'AKIAIOSFODNN7EXAMPLE';
const SECRET_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const AT = Date.parse('2013-05-24T00:00:00Z');

function getObject(signature: string, overrides: Record<string, string> = {}) {
  return {
    method: 'GET',
    url: '/test.txt',
    headers: {
      host: 'examplebucket.s3.amazonaws.com',
      range: 'bytes=0-9',
      'x-amz-content-sha256': EMPTY_SHA256,
      'x-amz-date': '20130524T000000Z',
      authorization:
        `AWS4-HMAC-SHA256 Credential=${ACCESS_KEY}/20130524/us-east-1/s3/aws4_request,` +
        `SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,Signature=${signature}`,
      ...overrides,
    },
  };
}

const GET_OBJECT_SIGNATURE = 'f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41';

describe('the dev S3 server’s signature check', () => {
  it('accepts AWS’s own GET Object example', () => {
    expect(verifySignatureV4(getObject(GET_OBJECT_SIGNATURE), ACCESS_KEY, SECRET_KEY, AT)).toBeNull();
  });

  it('accepts AWS’s List Objects example (sorted query parameters)', () => {
    const request = {
      method: 'GET',
      url: '/?max-keys=2&prefix=J',
      headers: {
        host: 'examplebucket.s3.amazonaws.com',
        'x-amz-content-sha256': EMPTY_SHA256,
        'x-amz-date': '20130524T000000Z',
        authorization:
          `AWS4-HMAC-SHA256 Credential=${ACCESS_KEY}/20130524/us-east-1/s3/aws4_request,` +
          'SignedHeaders=host;x-amz-content-sha256;x-amz-date,' +
          'Signature=34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7',
      },
    };
    expect(verifySignatureV4(request, ACCESS_KEY, SECRET_KEY, AT)).toBeNull();
  });

  it('rejects a changed signed header, another secret, another key, unsigned and stale requests', () => {
    expect(
      verifySignatureV4(getObject(GET_OBJECT_SIGNATURE, { range: 'bytes=0-99' }), ACCESS_KEY, SECRET_KEY, AT),
    ).toBe('signature mismatch');
    expect(verifySignatureV4(getObject(GET_OBJECT_SIGNATURE), ACCESS_KEY, 'another-secret', AT)).toBe(
      'signature mismatch',
    );
    expect(verifySignatureV4(getObject(GET_OBJECT_SIGNATURE), 'SOMEONEELSE', SECRET_KEY, AT)).toBe(
      'unknown access key',
    );
    expect(verifySignatureV4({ method: 'GET', url: '/', headers: {} }, ACCESS_KEY, SECRET_KEY, AT)).toBe(
      'the request is not signed',
    );
    expect(verifySignatureV4(getObject(GET_OBJECT_SIGNATURE), ACCESS_KEY, SECRET_KEY, AT + 16 * 60_000)).toBe(
      'request time too skewed',
    );
    expect(
      verifySignatureV4(
        getObject(GET_OBJECT_SIGNATURE, { authorization: 'AWS S3RVER:abc' }),
        ACCESS_KEY,
        SECRET_KEY,
        AT,
      ),
    ).toBe('the Authorization header is not an AWS Signature V4');
  });
});
