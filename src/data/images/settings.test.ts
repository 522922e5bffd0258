import { describe, expect, it } from 'vitest';
import { DEFAULT_IMAGE_SETTINGS, validateImageSettings } from './settings';

describe('validateImageSettings', () => {
  it('accepts the defaults and says what is wrong otherwise', () => {
    expect(validateImageSettings(DEFAULT_IMAGE_SETTINGS)).toBeNull();
    expect(validateImageSettings({ ...DEFAULT_IMAGE_SETTINGS, width: 3 })).toMatch(/from 4 to 512/);
    expect(validateImageSettings({ ...DEFAULT_IMAGE_SETTINGS, height: 28.5 })).toMatch(/whole numbers/);
    expect(validateImageSettings({ ...DEFAULT_IMAGE_SETTINGS, channels: 2 as unknown as 1 })).toMatch(/Channels/);
    expect(validateImageSettings({ ...DEFAULT_IMAGE_SETTINGS, augmentation: { horizontalFlip: true, shift: 0.6, rotation: 0 } })).toMatch(/Shift/);
    expect(validateImageSettings({ ...DEFAULT_IMAGE_SETTINGS, augmentation: { horizontalFlip: true, shift: 0, rotation: -1 } })).toMatch(/Rotation/);
    expect(validateImageSettings({ ...DEFAULT_IMAGE_SETTINGS, maxTotalBytes: 0 })).toMatch(/limits/);
  });
});
