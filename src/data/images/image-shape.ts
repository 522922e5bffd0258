/** The size and colour channels images are resized to: a model's image input, saved with it everywhere (bundle, notebook, worker). */
export interface ImageShape {
  width: number;
  height: number;
  channels: 1 | 3;
}
