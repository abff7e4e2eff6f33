import { describe, expect, it } from 'vitest';
import { LIBRARY_LIMITS, libraryFileIdOf, libraryFileName, libraryMediaId, sniffLibraryFile } from '../../../src/core';
import { HTML_AS_PNG, PDF, PNG } from '../../gateway/library/files';

describe('the template library', () => {
  it('tells what a file is from its bytes, not its name', () => {
    expect(sniffLibraryFile(PNG)).toEqual({ ok: true, kind: 'image', mimeType: 'image/png' });
    expect(sniffLibraryFile(PDF)).toEqual({ ok: true, kind: 'document', mimeType: 'application/pdf' });
    expect(sniffLibraryFile(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))).toMatchObject({
      ok: true,
      mimeType: 'image/jpeg',
    });
    expect(sniffLibraryFile(HTML_AS_PNG)).toEqual({
      ok: false,
      error: 'only JPEG or PNG images and PDF documents can be attached',
    });
    expect(sniffLibraryFile(new Uint8Array())).toEqual({ ok: false, error: 'the file is empty' });
  });

  it('refuses an image over 5 MB and a document over 16 MB, with the limit', () => {
    const big = (signature: Buffer, size: number) => {
      const bytes = new Uint8Array(size);
      bytes.set(signature.subarray(0, 8));
      return bytes;
    };
    expect(sniffLibraryFile(big(PNG, LIBRARY_LIMITS.image))).toMatchObject({ ok: true });
    expect(sniffLibraryFile(big(PNG, LIBRARY_LIMITS.image + 1))).toEqual({
      ok: false,
      error: 'an image is at most 5 MB',
    });
    expect(sniffLibraryFile(big(PDF, LIBRARY_LIMITS.document + 1))).toEqual({
      ok: false,
      error: 'a document is at most 16 MB',
    });
  });

  it('keeps a file name safe to show and send: no path, no control characters, the real extension', () => {
    expect(libraryFileName('C:\\Users\\me\\Guide des tailles.PNG', 'image/png')).toBe('Guide des tailles.png');
    expect(libraryFileName('../../etc/tarifs.pdf', 'application/pdf')).toBe('tarifs.pdf');
    expect(libraryFileName('photo\u0000\u001b.exe', 'image/jpeg')).toBe('photo.exe.jpg');
    expect(libraryFileName('   ', 'application/pdf')).toBe('file.pdf');
    expect(libraryFileName('x'.repeat(500), 'image/png')).toHaveLength(200);
  });

  it('names library media so they cannot be mistaken for a provider id', () => {
    expect(libraryFileIdOf(libraryMediaId('file_1'))).toBe('file_1');
    expect(libraryFileIdOf('1234567890')).toBeNull();
    expect(libraryFileIdOf('https://cdn.example/x.png')).toBeNull();
    expect(libraryFileIdOf('library:')).toBeNull();
  });
});
