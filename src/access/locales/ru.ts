/**
 * Texts of the access area: invitations, roles and the settings dialogue.
 * Russian: the product's first language. Keys are shared with en.ts; a test fails when a key is missing in either. Plurals use i18next's suffixes (_one, _few, _many, _other).
 */
export const ru = {
  access: {
    invitation_invalid: "Приглашение не найдено. Проверьте ссылку или попросите новую у администратора.",
    invitation_used: "Это приглашение уже использовано. Попросите новое у администратора.",
    invitation_expired: "Срок приглашения истёк. Попросите новое у администратора.",
    already_registered: "Вы уже зарегистрированы.",
    invitation_already_bound:
      "Этот мессенджер уже привязан к вашей учётной записи. Если вы сменили аккаунт, обратитесь к администратору.",
    linked:
      "Готово, {{name}}: этот мессенджер привязан к вашей учётной записи ({{role}}). Сообщения будут приходить сюда и в прежний мессенджер.",
    link_command: "привязать второй мессенджер (Telegram или MAX)",
    link_offer:
      "Чтобы получать сообщения и в {{messengers}}, откройте ссылку на телефоне, где установлен этот мессенджер, и нажмите «Начать». Ссылка действует сутки и только один раз; никому её не пересылайте.\n{{links}}",
    link_all_bound: "Все мессенджеры службы уже привязаны к вашей учётной записи.",
    link_only_one: "Сейчас служба работает только в этом мессенджере.",
    welcome: "Здравствуйте, {{name}}! Вы подключены как {{role}}.",
    roles: {
      reporter: "ответственный специалист роддома",
      head: "руководитель службы",
      curator: "куратор",
      psychologist: "психолог",
      admin: "администратор",
    },
  },
  flows: {
    settings: {
      language: {
        prompt: "На каком языке вам удобнее?",
        label: "Язык",
      },
      phone: {
        prompt:
          "Ваш рабочий телефон, чтобы коллеги могли перезвонить. Нажмите кнопку внизу или напишите номер.",
        label: "Телефон",
      },
      share_phone: "📱 Отправить мой номер",
      lang_ru: "Русский",
      lang_en: "English",
      saved: "Настройки сохранены.",
    },
  },
};
