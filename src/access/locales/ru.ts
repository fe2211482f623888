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
    welcome: "Здравствуйте, {{name}}! Вы подключены как {{role}}.",
    admin: {
      hospital_exists: "Роддом с таким названием или кратким названием уже есть.",
      hospital_required: "Для ответственного специалиста роддома выберите роддом.",
      no_such_hospital: "Такого роддома нет в службе (или он отключён).",
      invitation_used:
        "Приглашение уже использовано — отозвать его нельзя. Отключите сотрудника, если нужно.",
      self_deactivation: "Нельзя отключить самого себя: попросите другого администратора.",
    },
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
