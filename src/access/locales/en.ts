/**
 * Texts of the access area: invitations, roles and the settings dialogue.
 * English: keys are shared with ru.ts.
 */
export const en = {
  access: {
    invitation_invalid: "Invitation not found. Check the link or ask the administrator for a new one.",
    invitation_used: "This invitation has already been used. Ask the administrator for a new one.",
    invitation_expired: "This invitation has expired. Ask the administrator for a new one.",
    already_registered: "You are already registered.",
    invitation_already_bound:
      "This messenger is already linked to your account. If you changed accounts, ask the administrator.",
    linked:
      "Done, {{name}}: this messenger is now linked to your account ({{role}}). Messages will come here and to your other messenger.",
    link_command: "link a second messenger (Telegram or MAX)",
    link_offer:
      "To get messages in {{messengers}} too, open the link on the phone where that messenger is installed and press Start. The link works once, for one day; do not forward it to anyone.\n{{links}}",
    link_all_bound: "Every messenger of the service is already linked to your account.",
    link_only_one: "The service runs in this messenger only at the moment.",
    welcome: "Hello, {{name}}! You are connected as {{role}}.",
    admin: {
      hospital_exists: "A hospital with this name or short name already exists.",
      hospital_required: "Choose the hospital of a hospital responsible specialist.",
      no_such_hospital: "There is no such hospital in the service (or it is switched off).",
      invitation_used:
        "The invitation has been used and cannot be withdrawn. Deactivate the person if needed.",
      self_deactivation: "You cannot deactivate yourself: ask another administrator.",
    },
    roles: {
      reporter: "hospital responsible specialist",
      head: "head of the service",
      curator: "curator",
      psychologist: "psychologist",
      admin: "administrator",
    },
  },
  flows: {
    settings: {
      language: {
        prompt: "Which language do you prefer?",
        label: "Language",
      },
      phone: {
        prompt:
          "Your work phone, so colleagues can call you back. Press the button below or type the number.",
        label: "Phone",
      },
      share_phone: "📱 Send my number",
      lang_ru: "Русский",
      lang_en: "English",
      saved: "Settings saved.",
    },
  },
};
