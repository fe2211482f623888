/**
 * Texts of the signal round trip: cards, notices, the intake, visit-outcome and override dialogues.
 * English: keys are shared with ru.ts.
 */
export const en = {
  signal: {
    number: "{{number}}/{{year}}",
    category: {
      intends_to_abandon: "Openly states she will abandon",
      undecided: "Undecided",
      refusal_written: "Has written a refusal",
      pregnant_intends: "Pregnant, intends to abandon",
      child_threat: "Threat to a child's life or health",
    },
    kind: {
      newborn: "Newborn",
      child_threat: "Threat to a child",
    },
    location: {
      together_in_ward: "Together with the child in the ward",
      child_in_icu: "The child is in intensive care",
      woman_left: "The woman has left the hospital",
      in_hospital_pregnant: "In the hospital, the child is not born yet",
      child_with_family: "The child is with the family",
      child_in_hospital: "The child is in hospital",
      child_elsewhere: "The child is elsewhere",
    },
    urgency: {
      urgent: "Urgent: visit within 3 hours",
      planned: "Planned visit",
    },
    threat_urgency: {
      urgent: "Urgent: contact with the family within 1 hour",
      planned: "Planned: the visit's time is agreed with the family",
    },
    threat_source: {
      hospital_staff: "Medical staff",
      relatives: "Relatives",
      neighbours: "Neighbours",
      agency: "Police, school, another agency",
      child: "The child",
      anonymous: "Anonymous",
    },
    threat_sent: "✅ The signal of a threat to a child's life or health has been passed to the service.",
    threat_card: {
      title: "📋 Signal {{number}} is assigned to you: a threat to a child's life or health",
      child: "<b>Child:</b> {{name}}",
      child_born: "<b>Child's date of birth / age:</b> {{born}}",
      family: "<b>Mother, father or legal representative:</b> {{name}}",
      threat: "<b>What is known of the threat:</b> {{value}}",
      source: "<b>Reported by:</b> {{source}}",
    },
    status: {
      received: "waiting for a curator",
      assigned: "curator assigned",
      accepted: "accepted by the curator",
      on_the_way: "curator on the way",
      arrived: "curator arrived",
      case_opened: "case opened",
      not_confirmed: "not confirmed",
    },
    unknown: "unknown",
    sent: "✅ The signal has been passed to the service.",
    numbers: "Hospital journal number: {{hospital}}\nService journal number: {{service}}",
    times: "Identified: {{identified}}. Passed: {{transmitted}}.",
    late_note:
      "The signal was passed more than 3 hours after the risk was identified — the journal notes it. The sooner the service learns about a woman, the better the chance the child stays with the family, which is why the standard asks for signals within 3 hours.",
    reporter_assigned: "A curator is assigned to signal {{number}}: {{curator}}.",
    reporter_arrived: "Curator {{curator}} has arrived at the hospital for signal {{number}}.",
    reporter_visited_addresses:
      "Curator {{curator}} has been to the woman's addresses for signal {{number}}.",
    sent_early:
      "✅ The signal has been passed to the service — the heads can already see it. Please answer the remaining questions: each answer completes the signal at once.",
    details_added_notice:
      "Signal {{number}}: the hospital has added the woman's details (date of birth, addresses, phone).",
    details_completed: "✅ Signal {{number}} is complete: every detail has reached the service.",
    details_stopped:
      "All right, no more questions. Signal {{number}} is with the service with the details you gave; the curator will find out the rest.",
    new_signal_button: "➕ New signal",
    card: {
      key_urgent: "🔴 Urgent — visit within 3 hours: arrive by {{at}}",
      key_planned: "🟢 Planned — the visit time is agreed with the woman",
      visit_planned: "🗓 Visit planned: {{at}}",
      key_threat_urgent: "🔴 Urgent — contact with the family within 1 hour: by {{at}}",
      key_threat_planned: "🟢 Planned — the visit time is agreed with the family",
      title: "🆕 New signal {{number}}",
      threat_title: "⚠️ New signal {{number}}: a threat to a child's life or health",
      hospital: "<b>Hospital:</b> {{hospital}}",
      category: "<b>Category:</b> {{category}}",
      location: "<b>Where now:</b> {{location}}",
      identified: "<b>Risk identified:</b> {{at}}, passed {{ago}} later",
      identified_at_once: "<b>Risk identified:</b> {{at}}, passed at once",
      transmitted: "<b>Passed:</b> {{at}}",
      late: "⚠ Passed more than 3 hours after identification",
      reporter: "<b>Passed by:</b> {{reporter}}",
      reporter_phone: "<b>Passed by:</b> {{reporter}}, work phone {{phone}}",
      comment: "<b>Comment:</b> {{value}}",
      age: "<b>Age:</b> {{age}}",
      age_minor: "<b>Age:</b> {{age}} — ⚠️ a minor",
      age_unknown: "<b>Age:</b> unknown",
      earlier: "<b>Earlier:</b> {{items}}",
      earlier_item: "signal {{number}} — {{status}}{{curator}}",
      earlier_case: "signal {{number}} — case No. {{case}} opened{{curator}}",
      earlier_curator: ", curator {{curator}}",
      no_earlier: "No earlier signals about her.",
      recommended_urgent: "<b>Recommended:</b> 🔴 urgent (a visit within 1–3 hours, per the standard)",
      urgency: "<b>Urgency:</b> {{urgency}}",
      deadline: "<b>Arrive by:</b> {{at}}",
      contact_deadline: "<b>Contact the family by:</b> {{at}}",
      curator: "<b>Curator:</b> {{curator}} (assigned by {{head}}, {{at}})",
      status: "<b>Status:</b> {{status}}",
    },
    buttons: {
      urgent: "🔴 Urgent (within 3 h)",
      urgent_threat: "🔴 Urgent (contact within 1 h)",
      planned: "🟢 Planned",
      assign: "👤 Assign a curator",
      reassign: "🔁 Reassign",
      back: "◀ Back",
      accept: "✅ Accept",
      decline: "↩️ Decline",
      depart: "🚗 On my way",
      arrive: "📍 Arrived",
      outcome: "📝 Visit outcome",
      assess: "🛡 Safety and risk assessment",
      plan_visit: "🗓 Visit time",
      change_urgency: "⚡ Change urgency",
    },
    choose_curator: "Whom to assign? Next to each: open cases (9 at most).",
    curator_option: "{{name}} — {{load}}/9",
    curator_option_visit: "{{name}} — {{load}}/9 · on a visit",
    curator_full: "{{name}} — 9/9 ⛔ full",
    no_curators: "There are no active curators. Ask the administrator to invite one.",
    changed_meanwhile: "Another head has just changed this signal — here is how it looks now.",
    urgency_first: "Please choose the urgency first.",
    already_assigned: "A curator is already assigned: {{curator}} (by {{head}}).",
    assigned_notice: "Signal {{number}}: {{head}} assigned curator {{curator}}.",
    reassigned_notice: "Signal {{number}} moved to another curator: {{curator}}.",
    taken_off: "Signal {{number}} has been given to another curator. Nothing more is needed from you on it.",
    decline_reasons: {
      sick: "Ill / not at work",
      far: "Too far, can't make the deadline",
      conflict: "Conflict of interest",
      other: "Other",
    },
    declined_heads: "↩️ Curator {{curator}} declined signal {{number}}. Reason: {{reason}}.",
    declined_heads_hint: "The signal is waiting for a curator again — please choose another one.",
    declined_note: "You declined signal {{number}}. The heads already know and will assign another curator.",
    declined_done: "Done: signal {{number}} is back with the heads. Thank you for saying so straight away.",
    decline_too_late:
      "Signal {{number}} is already accepted, so it can't be declined in the bot. If you can't go, please call a head: they will hand it to another curator.",
    urgency_changed: "The urgency of signal {{number}} has changed: {{urgency}}.",
    outdated:
      "This button is out of date: signal {{number}} is now “{{status}}”. The current buttons are on the signal's card.",
    no_such_curator: "There is no such curator in the service (or their access is disabled).",
    override_required: "{{name}} already carries 9 cases: give a reason to assign them anyway.",
    same_curator: "This curator is already on the signal.",
    not_yours: "This signal is assigned to another curator.",
    wrong_state: "This action is not available now (signal status: {{status}}).",
    override_started: "{{name}} already carries 9 cases. You can still assign, but a reason is needed.",
    curator_card: {
      title: "📋 Signal {{number}} is assigned to you",
      woman: "<b>Woman:</b> {{name}}",
      details: "🔒 About the woman",
      details_hint: "Her name, addresses and phone: in the secure form, button below.",
      born: "<b>Date of birth / age:</b> {{born}}",
      hospital: "<b>Hospital:</b> {{hospital}}",
      hospital_address: "<b>Hospital address:</b> {{value}}",
      location: "<b>Where now:</b> {{location}}",
      registered_address: "<b>Registered address:</b> {{value}}",
      actual_address: "<b>Actual address:</b> {{value}}",
      ambulance_from: "<b>Brought by ambulance from:</b> {{value}}",
      not_by_ambulance: "Not brought by ambulance",
      phone: "<b>Phone:</b> {{value}}",
      category: "<b>Category:</b> {{category}}",
      urgency: "<b>Urgency:</b> {{urgency}}",
      deadline: "<b>Arrive by:</b> {{at}}",
      comment: "<b>Comment:</b> {{value}}",
      accept_hint: "Please confirm you take this signal.",
    },
    accepted: "Signal {{number}} accepted. Mark departure and arrival with the buttons.",
    departed: "🚗 Departure recorded: {{at}}. When you are there, press «Arrived».",
    arrived: "📍 Arrival recorded: {{at}}. After the meeting, fill in the visit outcome.",
    arrived_threat:
      "📍 Arrival recorded: {{at}}. After contact with the family, start the safety and risk assessment: the button is below.",
    heads_accepted: "Curator {{curator}} accepted signal {{number}}.",
    heads_visit_planned: "🗓 Signal {{number}}: curator {{curator}} planned the visit for {{at}}.",
    heads_visit_moved: "🗓 Signal {{number}}: curator {{curator}} moved the visit to {{at}}.",
    visit_planned_done:
      "Done: the visit for signal {{number}} is planned for {{at}}. I will remind you an hour before. If plans change, use «🗓 Visit time» on the card.",
    change_urgency_confirm:
      "Change the urgency of signal {{number}} to “{{urgency}}”? The curator will be told at once.",
    visit_time_question:
      "🗓 When do you plan the visit? Press «🗓 Visit time» and give the date and time — I will remind you an hour before.",
    visit_time_later: "All right, you can give the time later — «🗓 Visit time» is on the signal's card.",
    visit_time_past: "That time has already passed — please give a visit time still to come.",
    visit_reminder:
      "⏰ In an hour: the visit for signal {{number}} ({{hospital}}), planned for {{at}}. When you set off, press «🚗 On my way» on the card.",
    heads_arrived: "Curator {{curator}} arrived for signal {{number}} at {{at}}.",
    reminder: "⏰ Signal {{number}} ({{hospital}}) has been waiting for a curator for {{minutes}}.",
    reminder_hint: "The buttons are on the signal's card above.",
    accept_overdue: "⏰ Curator {{curator}} has not confirmed signal {{number}} within {{minutes}}.",
    accept_nudge:
      "⏰ Please confirm signal {{number}} — the «✅ Accept» button is on the card above. In {{minutes}} the heads will hear it is not accepted yet. If you cannot take it, press «↩️ Decline» there and give the reason — the signal will go to another curator straight away.",
    visit_overdue_curator:
      "⏰ The visit deadline for signal {{number}} passed at {{at}} and no arrival is recorded. If you are there, press “Arrived”.",
    visit_overdue_heads:
      "⏰ The visit deadline for signal {{number}} passed at {{at}}; curator {{curator}} has not recorded arrival.",
    contact_overdue_curator:
      "⏰ Urgent signal of a threat to a child {{number}}: the hour for contacting the family passed at {{at}}, and no arrival is recorded. If you are with the family, press “Arrived”.",
    contact_overdue_heads:
      "⏰ Urgent signal of a threat to a child {{number}}: the hour for contacting the family passed at {{at}}; curator {{curator}} has not recorded arrival.",
    case_opened: "Case No. {{case}} opened for signal {{number}}. Your open cases: {{count}} of 9.",
    closed_not_confirmed: "Signal {{number}} is closed as not confirmed.",
    heads_case_opened: "Case No. {{case}} opened for signal {{number}} (curator {{curator}}).",
    heads_not_confirmed: "Signal {{number}} closed as not confirmed (curator {{curator}}).",
    no_hospital: "Your account is not linked to a hospital. Please contact the administrator.",
    my: {
      title_own: "Your open signals:",
      title_service: "The service's signals:",
      title_hospital: "Your hospital's signals of the last 30 days:",
      empty: "No open signals or cases.",
      empty_hospital: "No signals from your hospital in the last 30 days.",
      signal: "• Signal {{number}} — {{status}}{{deadline}}",
      head_signal:
        "• {{number}}, {{hospital}} — {{urgency}}{{status}}{{curator}}{{deadline}}; came in {{ago}}",
      reporter_signal: "• No. {{number}} of {{at}} — {{status}}{{curator}}",
      reporter_status: {
        waiting: "waiting for a curator",
        assigned: "curator assigned",
        visited: "the curator has been to see her",
      },
      urgency: { urgent: "🔴 ", planned: "🟢 " },
      curator: " ({{name}})",
      deadline: ", arrive by {{at}}",
      ago: "{{time}} ago",
      just_now: "just now",
      open: "Signal {{number}}",
    },
  },
  outcome: {
    met: {
      met: "Met the woman",
      left_hospital: "She had left the hospital",
      refused_meeting: "She refused to meet",
    },
    address_visit: {
      met_at_address: "Met at an address",
      not_found: "Not found at her addresses",
    },
    intention: {
      confirmed: "Yes, confirms the intention",
      will_take: "No, she will take the child",
      relatives_take: "Relatives will take the child",
      undecided: "Undecided",
    },
    reasons: {
      housing: "Housing",
      money: "Money",
      no_support: "No support from the father / family",
      child_health: "The child's health",
      own_health: "Her own health",
      addiction: "Addiction",
      age: "Age",
      other: "Other",
    },
    decision: {
      open_case: "Open a case",
      not_confirmed: "Close: not confirmed",
    },
  },
  flows: {
    new_signal: {
      full_name: {
        prompt: "New signal. The woman's surname, first name and patronymic?",
        label: "Full name",
        hint: "E.g. Ivanova Anna Petrovna",
      },
      birth: {
        prompt: "Date of birth or age?",
        label: "Date of birth / age",
        hint: "E.g. 12.03.1995 or 29",
      },
      registered_address: {
        prompt: "Registered address?",
        label: "Registered address",
      },
      actual_address: {
        prompt: "Actual address?",
        label: "Actual address",
      },
      ambulance_from: {
        prompt: "The address the ambulance brought her from?",
        label: "Ambulance brought her from",
      },
      phone: {
        prompt: "The woman's phone, if known?",
        label: "Phone",
        hint: "E.g. +7 916 123-45-67",
      },
      category: {
        prompt: "Signal category?",
        label: "Category",
      },
      location: {
        prompt: "Where are the woman and the child now?",
        label: "Where now",
      },
      identified_at: {
        prompt: "When was the risk of abandonment identified?",
        label: "Risk identified",
      },
      comment: {
        prompt: "Comment (optional)?",
        label: "Comment",
      },
      unknown: "Unknown",
      same_as_registered: "Same as registered",
      not_by_ambulance: "Not brought by ambulance",
      send_now: "⚡ Send now, the rest later",
      late_warning:
        "⚠ More than 3 hours have passed since the risk was identified: the journal will mark the signal as passed late. Please send it as soon as you can.",
      just_now: "Just now",
      min_30: "30 min ago",
      hour_1: "1 h ago",
      other_time: "Other time",
      summary: "Please check the signal before sending:",
      send: "📤 Send to the service",
      errors: {
        full_name: "Please give at least the surname and first name.",
      },
    },
    threat_signal: {
      child_name: {
        prompt: "A signal of a threat to a child's life or health. The child's surname and name?",
        label: "Child",
        hint: "For example: Ivanov Pyotr. If the name is not known, press “Unknown”.",
      },
      child_birth: {
        prompt: "The child's date of birth or age?",
        label: "Date of birth / age",
        hint: "For example: 20.05.2024 or 2 (full years)",
      },
      full_name: {
        prompt: "Full name of the mother, father or legal representative?",
        label: "Parent / representative",
        hint: "For example: Ivanova Anna Petrovna",
      },
      actual_address: {
        prompt: "Where does the child live? The address, if known.",
        label: "Address",
      },
      phone: {
        prompt: "The family's phone, if known?",
        label: "Phone",
      },
      location: {
        prompt: "Where is the child now?",
        label: "Where now",
      },
      threat: {
        prompt: "What is known of the threat? Briefly: what happened, when, who is with the child now.",
        label: "What is known",
      },
      source: {
        prompt: "Who reported the threat?",
        label: "Reported by",
      },
      identified_at: {
        prompt: "When did it become known?",
        label: "Became known",
      },
      comment: {
        prompt: "Comment (optional)?",
        label: "Comment",
      },
      unknown: "Unknown",
      summary: "Check the signal before sending:",
      errors: {
        child_name: "Write the child's name in letters or press “Unknown”.",
        full_name: "Give at least a surname and a name.",
      },
    },
    visit_outcome: {
      met: {
        prompt: "Visit outcome. Whom did you meet?",
        label: "Meeting",
      },
      address_visit: {
        prompt: "Visit to her addresses: result?",
        label: "Address visit",
      },
      intention: {
        prompt: "Does she confirm the intention to abandon?",
        label: "Intention",
      },
      reasons: {
        prompt: "Main reasons (several allowed):",
        label: "Reasons",
      },
      potential: {
        prompt: "Rehabilitation potential (briefly)?",
        label: "Potential",
      },
      decision: {
        prompt: "Decision?",
        label: "Decision",
      },
      close_reason: {
        prompt: "Why was the signal not confirmed?",
        label: "Reason for closing",
      },
      summary: "Please check the visit outcome:",
      save: "💾 Save",
    },
    visit_time: {
      at: {
        prompt:
          "When do you plan the visit for signal {{number}}? Type a date and time, e.g. 15:30 or 03.12 10:00. I will remind you an hour before. If you do not know yet, press “Cancel” — you can give the time later.",
        label: "Visit time",
      },
    },
    decline_reason: {
      reason: {
        prompt:
          "Why can't you take signal {{number}}? The heads will see the reason and assign another curator straight away.",
        label: "Reason",
      },
      text: {
        prompt: "Please write the reason briefly:",
        label: "Reason in your words",
      },
    },
    override_reason: {
      reason: {
        prompt: "Why do you assign this curator beyond 9 cases?",
        label: "Reason",
      },
    },
  },
};
