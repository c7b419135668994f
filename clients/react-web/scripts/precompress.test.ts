import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { compress } from './precompress';

describe('precompress', () => {
  it('makes brotli and gzip twins that decode to the same bytes, brotli the smaller', () => {
    const text = Buffer.from('export const shop = "BffPlatform";\n'.repeat(500));
    const { br, gz } = compress(text);
    expect(brotliDecompressSync(br!).equals(text)).toBe(true);
    expect(gunzipSync(gz!).equals(text)).toBe(true);
    expect(br!.length).toBeLessThan(gz!.length);
    expect(gz!.length).toBeLessThan(text.length / 10);
  });

  it('leaves out a twin that would not be smaller than the file', () => {
    expect(compress(Buffer.from('a'))).toEqual({ br: undefined, gz: undefined });
  });
});
