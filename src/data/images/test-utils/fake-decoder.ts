/** A pure-TS stand-in for the browser decoder: decodes the test PNGs and BMPs, fails otherwise. */
import type { DecodeImageFn } from '../decode-image';
import { readImageHeader } from '../image-headers';
import { decodeTestBmp, decodeTestPng } from './encoders';

export const fakeDecode: DecodeImageFn = async (bytes, fileName) => {
  await Promise.resolve();
  const { header } = readImageHeader(bytes);
  if (header?.format === 'png') return decodeTestPng(bytes);
  if (header?.format === 'bmp') return decodeTestBmp(bytes);
  throw new Error(`the test decoder cannot decode ${header?.format ?? 'this file'} (${fileName})`);
};
