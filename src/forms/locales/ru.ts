/**
 * Texts of the secure form (src/forms/). Russian: the product's first language. Keys are shared
 * with en.ts.
 */
export const ru = {
  forms: {
    title: "Сведения о женщине",
    intro: "Эти ответы уходят прямо в систему и не появляются в переписке.",
    typed: "Ввести",
    optional: "Можно не заполнять.",
    submit: "Отправить",
    sending: "Отправляем…",
    received: "Спасибо, получили. Можно вернуться в чат.",
    fix: "Поправьте, пожалуйста, отмеченные ответы.",
    nothing: "Здесь ничего нет. Откройте форму кнопкой в чате бота.",
    failed: "Не получилось отправить. Попробуйте ещё раз.",
    details_title: "Сигнал {{number}}",
  },
};
