import { enText } from './enText.js';
import { groupThousands, type MessageTable } from './messageTable.js';

export const en: MessageTable = {
  lang: 'en',
  listSeparator: ', ',
  orSeparator: ' or ',
  andSeparator: ' and ',
  formatYen: (yen) => `¥${groupThousands(yen)}`,
  text: enText,
};
