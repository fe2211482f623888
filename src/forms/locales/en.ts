/** Texts of the secure form (src/forms/). English: keys shared with ru.ts. */
export const en = {
  forms: {
    title: "About the woman",
    intro: "These answers go straight to the system and never appear in the chat.",
    typed: "Type",
    optional: "You may leave this empty.",
    submit: "Send",
    sending: "Sending…",
    received: "Thank you, received. You can go back to the chat.",
    fix: "Please correct the marked answers.",
    nothing: "Nothing to show here. Open the form with the button in the bot's chat.",
    failed: "Could not send. Please try again.",
    details_title: "Signal {{number}}",
  },
};
