import { defineMessages } from '../../i18n';

export const messages = {
  en: {
    title: 'Crisis Response Centre',
    subtitle: 'Collective security operations console',
    heading: 'Log in',
    username: 'User name',
    password: 'Password',
    submit: 'Log in',
    submitting: 'Logging in…',
    wrong: 'The user name or password is wrong, or the account is disabled.',
    required: 'Enter the user name and the password.',
    expired: 'Your session has ended. Log in again to continue where you were.',
    loggedOut: 'You have logged out.',
    unreachable: 'The server could not be reached. Check the connection and log in again.',
    language: 'Язык: русский',
    languageLabel: 'Switch the language to Russian',
    notice: 'Authorized users only. Actions are recorded in the audit log.',
  },
  ru: {
    title: 'Центр кризисного реагирования',
    subtitle: 'Консоль управления силами коллективной безопасности',
    heading: 'Вход',
    username: 'Имя пользователя',
    password: 'Пароль',
    submit: 'Войти',
    submitting: 'Вход…',
    wrong: 'Неверное имя пользователя или пароль, либо учётная запись отключена.',
    required: 'Введите имя пользователя и пароль.',
    expired: 'Сеанс завершён. Войдите снова, чтобы продолжить с того же места.',
    loggedOut: 'Вы вышли из системы.',
    unreachable: 'Сервер недоступен. Проверьте связь и войдите снова.',
    language: 'Language: English',
    languageLabel: 'Переключить язык на английский',
    notice: 'Только для допущенных пользователей. Действия фиксируются в журнале аудита.',
  },
};
export const t = defineMessages(messages);
