import { defineMessages } from '../../i18n';

export const messages = {
  en: {
    heading: 'Situation map',
    summary: '{contingents} contingents · {personnel} personnel · {equipment} equipment',
    loadingData: 'Loading contingents and reference data…',
  },
  ru: {
    heading: 'Карта обстановки',
    summary: 'Контингентов: {contingents} · личный состав: {personnel} · техника: {equipment}',
    loadingData: 'Загрузка контингентов и справочных данных…',
  },
};
export const t = defineMessages(messages);
