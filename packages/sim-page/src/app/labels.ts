/**
 * The demo page's own words, in Russian (default) and English. The bot's messages are the bot's: they come
 * in each person's language as set in the bot (/settings).
 */
import type { SimRole } from "../people.ts";

/** A language of the page's labels. */
export type Lang = "ru" | "en";

/** Every label of the page. */
export interface Labels {
  htmlLang: string;
  locale: string;
  title: string;
  hint: string;
  fictional: string;
  toggle: string;
  toggleTitle: string;
  loading: string;
  notSeeded: string;
  noBot: string;
  failed: string;
  offline: string;
  bot: string;
  typing: string;
  placeholder: string;
  send: string;
  edited: string;
  forwarded: string;
  photo: string;
  sticker: string;
  document: string;
  contact: string;
  otherMessage: string;
  emptyTitle: string;
  empty: Record<SimRole, string>;
  startButton: string;
  ok: string;
  urlButton: string;
  unsupportedButton: string;
  requestFailed: string;
  staleButton: string;
  unread: string;
  menu: string;
  reset: string;
  resetConfirm: string;
  resetDone: string;
  resetFailed: string;
}

/** The labels by language. */
export const LABELS: Record<Lang, Labels> = {
  ru: {
    htmlLang: "ru",
    locale: "ru-RU",
    title: "Signal Desk · демо в симуляторе Telegram",
    hint:
      "Нажмите /new в чате неонатолога и ответьте на вопросы бота — сигнал придёт руководителю, " +
      "он оценит срочность и назначит куратора, а куратор примет назначение и отметит визит.",
    fictional: "Все люди и данные здесь вымышлены. Не вводите настоящие персональные данные.",
    toggle: "English",
    toggleTitle: "Switch the page to English",
    loading: "Подключаемся к симулятору…",
    notSeeded:
      "Демо-данные не созданы, и бот не знает этих людей. Выполните npm run demo:seed и обновите страницу.",
    noBot: "Бот ещё не подключился к локальному серверу Bot API. Обновите страницу через несколько секунд.",
    failed: "Не удалось открыть симулятор: ",
    offline: "нет связи…",
    bot: "бот",
    typing: "печатает…",
    placeholder: "Сообщение",
    send: "Отправить",
    edited: "изменено",
    forwarded: "Пересланное сообщение",
    photo: "Фотография",
    sticker: "Стикер",
    document: "Файл",
    contact: "Контакт",
    otherMessage: "Сообщение другого типа",
    emptyTitle: "Что умеет этот бот?",
    empty: {
      reporter: "Передавайте сигналы о риске отказа от новорождённого в Службу: отправьте /new.",
      head: "Здесь появятся карточки новых сигналов: оцените срочность и назначьте куратора.",
      curator: "Здесь появятся назначения на сигналы: примите их и отмечайте визит.",
    },
    startButton: "/new",
    ok: "OK",
    urlButton: "В демо ссылки не открываются: ",
    unsupportedButton: "Эта кнопка в демо не работает",
    requestFailed: "Не получилось: ",
    staleButton: "Эта кнопка уже неактуальна",
    unread: "новых сообщений: ",
    menu: "☰ Меню",
    reset: "↺ Начать демо заново",
    resetConfirm: "Начать демо заново? Сигналы и случаи, созданные здесь, уйдут в архив, а чаты очистятся.",
    resetDone: "Демо начато заново: чаты пусты, данные — как после первого запуска.",
    resetFailed: "Не удалось начать демо заново: ",
  },
  en: {
    htmlLang: "en",
    locale: "en-GB",
    title: "Signal Desk · demo in a Telegram simulator",
    hint:
      "Send /new in the neonatologist's chat and answer the bot's questions — the signal reaches the head, " +
      "who judges its urgency and assigns a curator; the curator accepts and reports the visit.",
    fictional: "Everyone and everything here is fictional. Do not enter real personal data.",
    toggle: "Русский",
    toggleTitle: "Переключить страницу на русский",
    loading: "Connecting to the simulator…",
    notSeeded:
      "There is no demo data, so the bot does not know these people. Run npm run demo:seed and reload the page.",
    noBot: "The bot has not connected to the local Bot API server yet. Reload the page in a few seconds.",
    failed: "Could not open the simulator: ",
    offline: "offline…",
    bot: "bot",
    typing: "typing…",
    placeholder: "Message",
    send: "Send",
    edited: "edited",
    forwarded: "Forwarded message",
    photo: "Photo",
    sticker: "Sticker",
    document: "File",
    contact: "Contact",
    otherMessage: "Another kind of message",
    emptyTitle: "What can this bot do?",
    empty: {
      reporter: "Pass signals about a risk of newborn abandonment to the service: send /new.",
      head: "New signals' cards appear here: judge the urgency and assign a curator.",
      curator: "Assignments appear here: accept them and report the visit.",
    },
    startButton: "/new",
    ok: "OK",
    urlButton: "Links do not open in the demo: ",
    unsupportedButton: "This button does not work in the demo",
    requestFailed: "Failed: ",
    staleButton: "This button is no longer current",
    unread: "new messages: ",
    menu: "☰ Menu",
    reset: "↺ Restart the demo",
    resetConfirm: "Restart the demo? Signals and cases made here go to an archive and the chats are cleared.",
    resetDone: "The demo has restarted: the chats are empty and the data is as after the first start.",
    resetFailed: "Could not restart the demo: ",
  },
};
