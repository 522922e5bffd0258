import { unwrap } from '../app.mjs';
import { train } from './train.mjs';

/** `tau share`: trains exactly as `tau train` does, then prints the notebook's link ("Copy link" in the app). */
export const share = {
  usage: `share    --data <file> | --sample <id>  --target <column> [the train options]
           Trains, then prints {"url", "fragment", "bytes", "metrics", "leftOut", "dataInLink", "weightsInLink"}`,
  allowDirectoryData: true,
  validate(flags) {
    train.validate(flags);
  },
  async run(page, flags) {
    unwrap(await page.evaluate(() => window.tauStudio.notebookReady()));
    const trained = await train.run(page, flags);
    const link = unwrap(await page.evaluate(() => window.tauStudio.shareLink()));
    return {
      url: link.url,
      fragment: link.fragment,
      bytes: link.bytes,
      metrics: trained.metrics,
      leftOut: link.leftOut,
      dataInLink: link.dataInLink,
      weightsInLink: link.weightsInLink,
      ...(trained.export ? { export: trained.export } : {}),
    };
  },
};
