import { loadData } from '../app.mjs';

export const inspect = {
  usage: 'inspect  --data <file.csv> | --sample <iris|penguins|wine|breast-cancer>',
  validate(flags) {
    void flags;
  },
  run: (page, flags) => loadData(page, flags),
};
