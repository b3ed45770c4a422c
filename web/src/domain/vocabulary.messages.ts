// Words of the domain used by more than one view: roles, readiness levels, releasability
// labels, the fields of a contingent, and what the audit log and live stream name.
import type { Readiness, Role } from '../api/types';
import { defineMessages } from '../i18n';

export const messages = {
  en: {
    role_administrator: 'Administrator',
    role_duty_officer: 'Duty officer',
    role_planner: 'Staff planner',
    role_liaison_officer: 'Liaison officer',
    role_observer: 'Observer',

    readiness_rapid: 'Rapid (≤ 24 h)',
    readiness_high: 'High (≤ 7 days)',
    readiness_medium: 'Medium (≤ 30 days)',
    readiness_low: 'Low (> 30 days)',
    readiness_not_ready: 'Not ready',

    rel_organization: 'Organization-wide',
    rel_states: 'Listed states',
    rel_national: 'National only',
    relStatesList: 'Releasable to: {states}',

    field_state: 'Member state',
    field_component: 'Component',
    field_name: 'Unit name',
    field_station: 'Home station',
    field_lat: 'Latitude',
    field_lon: 'Longitude',
    field_personnel: 'Personnel',
    field_equipment: 'Equipment',
    field_readiness: 'Readiness',
    field_notes: 'Notes',
    field_releasability: 'Releasability',
    field_updated_at: 'Last changed',

    entity_contingent: 'Contingent',
    entity_reference: 'Reference',
    entity_user: 'User',
    entity_api_token: 'API token',
    entity_reference_version: 'Reference data version',
    action_create: 'created',
    action_update: 'changed',
    action_delete: 'deleted',
    action_set_password: 'password set',
    action_disable: 'disabled',
    action_enable: 'enabled',
    action_set_locale: 'language set',
    action_revoke: 'revoked',
  },
  ru: {
    role_administrator: 'Администратор',
    role_duty_officer: 'Оперативный дежурный',
    role_planner: 'Офицер-планировщик',
    role_liaison_officer: 'Офицер связи',
    role_observer: 'Наблюдатель',

    readiness_rapid: 'Немедленная (≤ 24 ч)',
    readiness_high: 'Высокая (≤ 7 сут)',
    readiness_medium: 'Средняя (≤ 30 сут)',
    readiness_low: 'Низкая (> 30 сут)',
    readiness_not_ready: 'Не готов',

    rel_organization: 'Вся Организация',
    rel_states: 'Указанные государства',
    rel_national: 'Только своё государство',
    relStatesList: 'Доступно: {states}',

    field_state: 'Государство-член',
    field_component: 'Компонент',
    field_name: 'Наименование',
    field_station: 'Пункт постоянной дислокации',
    field_lat: 'Широта',
    field_lon: 'Долгота',
    field_personnel: 'Личный состав',
    field_equipment: 'Техника (ВВСТ)',
    field_readiness: 'Готовность',
    field_notes: 'Примечания',
    field_releasability: 'Гриф доступа',
    field_updated_at: 'Изменено',

    entity_contingent: 'Контингент',
    entity_reference: 'Справочник',
    entity_user: 'Пользователь',
    entity_api_token: 'Токен API',
    entity_reference_version: 'Версия справочных данных',
    action_create: 'создание',
    action_update: 'изменение',
    action_delete: 'удаление',
    action_set_password: 'смена пароля',
    action_disable: 'отключение',
    action_enable: 'включение',
    action_set_locale: 'смена языка',
    action_revoke: 'отзыв',
  },
};
export const tv = defineMessages(messages);

export const roleLabel = (r: Role) => tv(`role_${r}`);
export const readinessLabel = (r: Readiness | string) =>
  (['rapid', 'high', 'medium', 'low', 'not_ready'] as string[]).includes(r)
    ? tv(`readiness_${r as Readiness}`)
    : r;
export const releasabilityLabel = (label: string) =>
  label === 'organization' || label === 'states' || label === 'national' ? tv(`rel_${label}`) : label;
type Key = keyof (typeof messages)['en'];
/** The label of a value the server names (`entity_` + entity); the value itself if unknown. */
function known(prefix: string, value: string): string {
  const key = `${prefix}${value}`;
  return key in messages.en ? tv(key as Key) : value;
}
export const entityLabel = (e: string) => known('entity_', e);
export const actionLabel = (a: string) => known('action_', a);
