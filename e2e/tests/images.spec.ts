import { expect, test } from '@playwright/test';
import { StudioPage } from '../fixtures/studio-page';
import { IMAGE_FIXTURES, ImagesPage } from '../fixtures/images/images-page';
import { threadsFor } from '../../src/runtime/wasm-threads';

test.describe('image data sets and CNNs (WebGPU enabled)', () => {
  test('loads a class-folder tree, trains a small CNN on WebGPU, shows curves, the confusion matrix and the misclassified images', async ({ page }) => {
    const studio = new StudioPage(page);
    const images = new ImagesPage(page);
    await studio.open();
    await images.setImageSize(16);
    await images.chooseFolder(IMAGE_FIXTURES.folder);
    await images.waitForImages('shapes: 36 images, 16×16 RGB, 3 classes');

    // Class counts and a gallery of samples per class (8 shown of 12 each).
    const counts = page.getByTestId('class-count-row');
    await expect(counts).toHaveCount(3);
    await expect(counts.nth(0)).toContainText('circle');
    await expect(counts.nth(0)).toContainText('12');
    const gallery = page.getByTestId('class-gallery');
    await expect(gallery.getByRole('img')).toHaveCount(24);
    await expect(gallery.getByRole('img', { name: 'triangle: shapes/triangle/01.png' })).toBeVisible();

    // Prepare shows image settings, Model shows CNN presets and the layer list.
    await expect(page.getByTestId('image-prepare-summary')).toContainText('16×16 RGB pixels → 3 classes');
    await page.getByTestId('cnn-preset-small').click();
    await expect(page.getByTestId('cnn-preset-small')).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByTestId('cnn-layer')).toHaveCount(5);
    await expect(page.getByTestId('cnn-parameters')).toContainText('trainable parameters for 16×16×3 inputs and 3 classes');

    await page.getByTestId('backend-select').selectOption('webgpu');
    await studio.setNumber('epochs', 2);
    await page.getByTestId('train-button').click();
    await expect(page.getByTestId('confusion-matrix')).toBeVisible({ timeout: 150_000 });

    await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', 'webgpu');
    await expect(page.getByTestId('chart-loss')).toBeVisible();
    await expect(page.getByTestId('training-facts')).toContainText('2 epochs');
    const testSize = Number(await page.getByTestId('test-size').innerText());
    expect(testSize).toBe(8);
    expect(await studio.confusionTotal()).toBe(testSize);
    for (const name of ['circle', 'square', 'triangle']) await expect(page.getByTestId('confusion-matrix')).toContainText(name);

    // Every misclassified test image is in the gallery, drawn from the loaded pixels, with its labels as alt text.
    const wrong = await images.offDiagonalTotal();
    const mistakes = page.getByTestId('misclassified-gallery');
    await expect(mistakes).toBeVisible();
    if (wrong === 0) {
      await expect(mistakes).toContainText('No test image was misclassified');
    } else {
      await expect(mistakes.getByTestId('misclassified-image')).toHaveCount(wrong);
      const alts = await mistakes.getByRole('img').evaluateAll((imgs) => imgs.map((img) => ({ alt: img.getAttribute('alt'), width: (img as HTMLImageElement).naturalWidth })));
      for (const { alt, width } of alts) {
        expect(alt).toMatch(/^true (circle|square|triangle), predicted (circle|square|triangle), \d+%$/);
        expect(width).toBe(16);
      }
    }
  });

  test('a truncated zip gets a clear error, and the images loaded before stay', async ({ page }) => {
    const studio = new StudioPage(page);
    const images = new ImagesPage(page);
    await studio.open();
    await images.setImageSize(16);
    await images.chooseFiles(IMAGE_FIXTURES.zip);
    await images.waitForImages('shapes.zip: 36 images, 16×16 RGB, 3 classes');
    await expect(page.getByTestId('class-gallery').getByRole('img')).toHaveCount(24);

    await images.chooseFiles(IMAGE_FIXTURES.truncatedZip);
    const error = page.getByTestId('load-error');
    await expect(error).toContainText('truncated.zip is incomplete');
    await expect(error).toContainText('Download or copy it again');
    await expect(error).toContainText('previously loaded data (shapes.zip) is still here');
    await expect(page.getByTestId('dataset-summary')).toContainText('shapes.zip: 36 images');
    await expect(page.getByTestId('class-gallery').getByRole('img')).toHaveCount(24);
  });

  test('a broken zip keeps a loaded table; images replace the table and a table replaces the images', async ({ page }) => {
    const studio = new StudioPage(page);
    const images = new ImagesPage(page);
    await studio.open();
    await studio.loadSample('iris');
    await images.chooseFiles(IMAGE_FIXTURES.truncatedZip);
    await expect(page.getByTestId('load-error')).toContainText('previously loaded data (iris.csv) is still here');
    await expect(page.getByTestId('dataset-summary')).toContainText('iris.csv: 150 rows');
    await expect(page.getByTestId('data-table')).toBeVisible();

    await images.setImageSize(16);
    await images.chooseFiles(IMAGE_FIXTURES.zip);
    await images.waitForImages('shapes.zip: 36 images');
    await expect(page.getByTestId('load-error')).toHaveCount(0);
    await expect(page.getByTestId('data-table')).toHaveCount(0);
    await expect(page.getByTestId('model-choice').getByRole('radio', { name: /Auto \(CNN\)/ })).toBeChecked();

    await studio.loadSample('penguins');
    await expect(page.getByTestId('dataset-summary')).toContainText('penguins.csv: 344 rows');
    await expect(page.getByTestId('image-dataset')).toHaveCount(0);
    await expect(page.getByTestId('target-select')).toBeVisible();
  });

  test('trains a CNN on WASM as well, and says why that works', async ({ page }) => {
    const studio = new StudioPage(page);
    const images = new ImagesPage(page);
    await studio.open();
    await images.setImageSize(16);
    await images.chooseFolder(IMAGE_FIXTURES.folder);
    await images.waitForImages('shapes: 36 images');
    await expect(page.getByTestId('wasm-cnn-note')).toContainText('Tau Studio adds that kernel');
    await page.getByTestId('backend-select').selectOption('wasm');
    await studio.setNumber('epochs', 1);
    await page.getByTestId('train-button').click();
    await expect(page.getByTestId('confusion-matrix')).toBeVisible({ timeout: 150_000 });
    await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', 'wasm');
    // The threads XNNPACK really ran on: every core here (tfjs-backend-wasm alone halves them, one on a
    // 2-core machine); one without cross-origin isolation.
    const { cores, isolated } = await page.evaluate(() => ({ cores: navigator.hardwareConcurrency, isolated: window.crossOriginIsolated }));
    const threads = isolated ? threadsFor('image', cores) : 1;
    await expect(page.getByTestId('section-evaluate').locator('.result-facts')).toContainText(`(${threads} thread`);
  });
});
