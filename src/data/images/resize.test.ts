import { describe, expect, it } from 'vitest';
import { grayRgbaToGray, grayToRgb, isGrayscaleRgba, luma, resizeImage, rgbaToGray, rgbaToRgb, rgbToGray } from './resize';

const u8 = (values: number[]): Uint8Array => Uint8Array.from(values);
const list = (a: Uint8Array): number[] => Array.from(a);

describe('resizeImage', () => {
  it('averages 2×2 blocks when shrinking 4×4 → 2×2', () => {
    const src = u8([0, 4, 8, 12, 4, 8, 12, 16, 100, 100, 50, 50, 100, 100, 50, 54]);
    expect(list(resizeImage(src, 4, 4, 1, 2, 2))).toEqual([4, 12, 100, 51]);
    // half values round up
    expect(list(resizeImage(u8([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]), 4, 4, 1, 2, 2))).toEqual([4, 6, 12, 14]);
  });

  it('weights partial overlaps when the ratio is fractional (3 → 2)', () => {
    // output 0 covers source [0, 1.5): (0·1 + 30·0.5) / 1.5 = 10; output 1: (30·0.5 + 90·1) / 1.5 = 70
    expect(list(resizeImage(u8([0, 30, 90]), 3, 1, 1, 2, 1))).toEqual([10, 70]);
    expect(list(resizeImage(u8([0, 30, 90]), 1, 3, 1, 1, 2))).toEqual([10, 70]);
  });

  it('shrinks to a single pixel as the mean of all pixels, per channel', () => {
    const rgb = u8([10, 0, 255, 20, 0, 255, 30, 100, 255, 40, 100, 255]);
    expect(list(resizeImage(rgb, 2, 2, 3, 1, 1))).toEqual([25, 50, 255]);
  });

  it('enlarges bilinearly with half-pixel centres and clamped edges', () => {
    expect(list(resizeImage(u8([0, 100]), 2, 1, 1, 4, 1))).toEqual([0, 25, 75, 100]);
    expect(list(resizeImage(u8([0, 100]), 1, 2, 1, 1, 4))).toEqual([0, 25, 75, 100]);
  });

  it('turns 1×1 into a constant n×n image', () => {
    expect(list(resizeImage(u8([7, 8, 9]), 1, 1, 3, 3, 3))).toEqual(Array.from({ length: 9 }, () => [7, 8, 9]).flat());
  });

  it('keeps a constant image constant for any size change', () => {
    const sizes: [number, number, number, number][] = [
      [17, 13, 5, 7],
      [5, 7, 17, 13],
      [10, 3, 4, 9],
      [3, 30, 28, 28],
      [28, 28, 28, 28],
    ];
    for (const [sw, sh, dw, dh] of sizes) {
      const out = resizeImage(new Uint8Array(sw * sh * 3).fill(201), sw, sh, 3, dw, dh);
      expect(out.length).toBe(dw * dh * 3);
      expect(out.every((v) => v === 201)).toBe(true);
    }
  });

  it('preserves the mean when shrinking by whole factors', () => {
    const src = new Uint8Array(12 * 8);
    for (let i = 0; i < src.length; i++) src[i] = (i * 37) % 256;
    const out = resizeImage(src, 12, 8, 1, 3, 2);
    const mean = (a: Uint8Array): number => a.reduce((s, v) => s + v, 0) / a.length;
    expect(Math.abs(mean(out) - mean(src))).toBeLessThanOrEqual(0.5); // each output is rounded once
  });

  it('rejects a buffer that does not match the stated size', () => {
    expect(() => resizeImage(new Uint8Array(5), 2, 2, 1, 1, 1)).toThrow(/expected 2×2×1 = 4/);
    expect(() => resizeImage(new Uint8Array(4), 2, 2, 1, 0, 1)).toThrow(/Target size/);
  });
});

describe('channel conversions', () => {
  it('uses BT.601 luma, rounded', () => {
    expect([luma(255, 0, 0), luma(0, 255, 0), luma(0, 0, 255), luma(255, 255, 255), luma(77, 77, 77)]).toEqual([76, 150, 29, 255, 77]);
    expect(list(rgbToGray(u8([255, 0, 0, 10, 20, 30])))).toEqual([76, 18]);
    expect(list(grayToRgb(u8([5, 200])))).toEqual([5, 5, 5, 200, 200, 200]);
  });

  it('composites alpha over white by default, or black', () => {
    const rgba = u8([255, 0, 0, 128, 0, 0, 0, 0, 10, 20, 30, 255]);
    expect(list(rgbaToRgb(rgba))).toEqual([255, 127, 127, 255, 255, 255, 10, 20, 30]);
    expect(list(rgbaToRgb(rgba, 'black'))).toEqual([128, 0, 0, 0, 0, 0, 10, 20, 30]);
    expect(list(rgbaToGray(rgba))).toEqual([165, 255, 18]);
    expect(list(rgbaToGray(rgba, 'black'))).toEqual([38, 0, 18]);
  });

  it('detects grayscale RGBA and extracts it with compositing', () => {
    const gray = u8([9, 9, 9, 255, 200, 200, 200, 0]);
    expect(isGrayscaleRgba(gray)).toBe(true);
    expect(isGrayscaleRgba(u8([9, 9, 10, 255]))).toBe(false);
    expect(list(grayRgbaToGray(gray))).toEqual([9, 255]);
    expect(list(grayRgbaToGray(gray, 'black'))).toEqual([9, 0]);
  });
});
