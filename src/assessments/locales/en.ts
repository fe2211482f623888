/**
 * Texts of child safety and risk assessments, English (the product's second language). The
 * checklist's wording translates the seed's Russian form and manual; the Russian is authoritative.
 * Keys are shared with ru.ts (tests/assessments/texts.unit.test.ts).
 */
export const en = {
  assessment: {
    title: "Safety and risk assessment no. {{number}}",
    of_case: "Case no. {{case}}",
    of_signal: "Signal {{signal}}",
    of_case_and_signal: "Case no. {{case}} (signal {{signal}})",
    not_yours: "Another specialist conducts this assessment.",
    wrong_stage: "Not possible now: {{stage}}.",
    cancelled_already: "The assessment was cancelled.",
    changed_meanwhile: "The assessment was just changed — here it is as it is now.",
    no_such_case: "Case no. {{number}} is not among your cases.",
    case_number_format: "Give the case number, e.g. /assess 3/2026 — or /assess alone to choose from a list.",
    case_not_open: "Case no. {{number}} is closed — no new assessment starts on it.",
    signal_not_active:
      "An assessment can start on signal {{number}} while you are its curator (after “Accept” and before the decision).",
    no_child_yet: "Signal {{number}} is about a pregnant woman: there is no child to assess yet.",
    in_progress_other: "Assessment no. {{number}} is already in progress on this case (by {{specialist}}).",
    reasoning_required:
      "The chosen level is lower than the rating of factors {{factors}} — it cannot be saved without a written reasoning.",
    services_required: "For conclusion 2, name the services recommended to the family.",
    ratings_incomplete: "Not every factor is rated.",
    not_rated_yet: "The risk factors are not rated yet: do the risk assessment first.",
    not_handed_over: "Assessment form no. {{number}} is not handed over yet.",
    already_acknowledged: "Receipt of assessment form no. {{number}} is recorded already.",
    plan_kind_first: "First choose how the child will be kept safe.",
    plan_needs_action: "The plan has no action — add at least one.",
    due_past: "That day has passed — give today or a later day.",
    due_too_far: "A safety plan is short-term: the deadline is at most {{days}} days ahead.",
    due_invalid: "Could not read the date. Example: 25.11 or 25.11.2026.",
    action_gone: "This action is no longer in the plan.",
    action_done_already: "The action is already marked done.",
    not_concluded: "Supervision can be marked after the conclusion.",
    already_reviewed: "Supervision already marked: {{head}}, {{at}}.",
    signal_not_arrived:
      "Arrival is not recorded on signal {{number}}: press “📍 Arrived” on the signal's card, then save the conclusion again.",
    signal_closed:
      "Signal {{number}} is already closed as not confirmed — a case cannot be opened on it. Please ask the head.",
    stage: {
      planning: "planning",
      contact: "contact with the family",
      safety: "safety assessment",
      safety_plan: "safety plan",
      risk: "risk assessment",
      overall: "overall risk level",
      conclusion: "conclusion",
      handover: "hand-over to the guardianship authority",
      done: "finished",
    },
    status: {
      in_progress: "in progress",
      completed: "finished",
      cancelled: "cancelled",
    },
    urgency: {
      immediate: "Immediate: go within an hour",
      planned: "Planned: the visit is agreed with the family",
    },
    level: {
      high: "high",
      moderate: "moderate",
      low: "low",
    },
    rating: {
      high: "High",
      moderate: "Moderate",
      low: "Low",
      no_info: "No information",
    },
    age: {
      extreme: "under 2 — extremely vulnerable",
      heightened: "under 6 — heightened vulnerability",
      ordinary: "6 or older",
      unknown: "birth date unknown",
    },
    hours: "{{count}} h",
    age_days_one: "{{count}} day",
    age_days_other: "{{count}} days",
    age_months_one: "{{count}} month",
    age_months_other: "{{count}} months",
    plan_kind: {
      in_family: "Actions within the family",
      placement: "Safe placement outside the family",
    },
    channel: {
      email: "By e-mail",
      in_person: "In person",
      post: "By post or courier",
      interagency: "Through the interagency system",
    },
    threat_criteria:
      "An immediate threat is judged by two criteria: its capacity to cause the child serious harm and how immediate it is. Finding any one of these factors is enough to judge the situation potentially dangerous and the likelihood of serious harm high (a safety plan is needed).",
    threat: {
      t01_serious_injury: {
        short: "Serious injury",
        full: "The child has suffered a serious physical injury",
        info: "“The child has suffered a serious physical injury.”\n\n$t(assessment.threat_criteria)",
      },
      t02_cannot_protect: {
        short: "Parent cannot protect",
        full: "The parent could not, cannot or will not be able to protect the child from serious harm by other people with access to the child",
        info: "“The parent could not, cannot or will not be able to protect the child from serious harm by other people with access to the child.”\n\n$t(assessment.threat_criteria)",
      },
      t03_threatened_harm: {
        short: "Child was threatened",
        full: "A parent or another person with access to the child threatened the child with serious harm (injury, death)",
        info: "“A parent or another person with access to the child threatened the child with serious harm (injury, death).”\n\n$t(assessment.threat_criteria)",
      },
      t04_aggression_out_of_control: {
        short: "Aggression out of control",
        full: "The behaviour of a household member or another person with access to the child is aggressive and out of control",
        info: "“The behaviour of a household member or another person with access to the child is aggressive and out of control.”\n\n$t(assessment.threat_criteria)",
      },
      t05_hostile_member: {
        short: "Hostile adult",
        full: "A family member (another person) regularly in the home, able to harm the child and with free access to them, is hostile to the child, shows it openly and/or makes demands far beyond the child's abilities, judges the child's abilities unrealistically",
        info: "“A family member (another person) regularly in the home, able to harm the child and with free access to them, is hostile to the child, shows it openly and/or makes demands far beyond the child's abilities, judges the child's abilities unrealistically.”\n\n$t(assessment.threat_criteria)",
      },
      t06_intoxication: {
        short: "Intoxication endangers the child",
        full: "A family member (another person) with access to the child is dependent on alcohol and/or drugs, and their behaviour (action or inaction) when intoxicated endangers the child's life or may seriously harm their health",
        info: "“A family member (another person) with access to the child is dependent on alcohol and/or drugs, and their behaviour (action or inaction) when intoxicated endangers the child's life or may seriously harm their health.”\n\nIn the safety assessment alcohol abuse is a threat only when, at the time of the visit (or very soon), the parent cannot physically or mentally meet the child's basic needs, their judgement is significantly impaired and when intoxicated they may act (or fail to act) in a way that seriously harms the child. Frequency of relapses, binges and aggression belong to the risk assessment.\n\n$t(assessment.threat_criteria)",
      },
      t07_carer_illness: {
        short: "Carer's illness",
        full: "A family member caring for the child has an illness that greatly reduces their ability to care for the child or causes unpredictable, irrational, impulsive or otherwise dangerous behaviour",
        info: "“A family member caring for the child has an illness that greatly reduces their ability to care for the child or causes unpredictable, irrational, impulsive or otherwise dangerous behaviour.”\n\n$t(assessment.threat_criteria)",
      },
      t08_housing: {
        short: "Housing",
        full: "The child's housing and material conditions give reasonable grounds to believe their safety is threatened",
        info: "“The child's housing and material conditions give reasonable grounds to believe their safety is threatened.”\n\n$t(assessment.threat_criteria)",
      },
      t09_domestic_violence: {
        short: "Domestic violence",
        full: "The nature and frequency of domestic violence give reasonable grounds to believe there is a serious threat of physical and/or emotional harm to the child",
        info: "“The nature and frequency of domestic violence give reasonable grounds to believe there is a serious threat of physical and/or emotional harm to the child.”\n\n$t(assessment.threat_criteria)",
      },
      t10_may_disappear: {
        short: "Family may disappear",
        full: "The family's behaviour gives reasonable grounds to believe it may move and “disappear” from the specialists' view, making the child's safety hard to monitor",
        info: "“The family's behaviour gives reasonable grounds to believe it may move and ‘disappear’ from the specialists' view, making the child's safety hard to monitor.”\n\n$t(assessment.threat_criteria)",
      },
      t11_unexplained_injuries: {
        short: "Unexplained injuries",
        full: "The parent cannot convincingly explain the child's serious injuries or poor physical condition",
        info: "“The parent cannot convincingly explain the child's serious injuries or poor physical condition.”\n\n$t(assessment.threat_criteria)",
      },
      t12_vital_needs: {
        short: "Vital needs",
        full: "The parent will not or cannot meet the child's vital needs",
        info: "“The parent will not or cannot meet the child's vital needs.”\n\n$t(assessment.threat_criteria)",
      },
      t13_refuse_treatment: {
        short: "Treatment refused",
        full: "The parents or those in their place refuse treatment of a seriously ill child, which may seriously threaten the child's life, health or development",
        info: "“The parents or those in their place refuse treatment of a seriously ill child, which may seriously threaten the child's life, health or development.”\n\n$t(assessment.threat_criteria)",
      },
      t14_harmful_treatment: {
        short: "Harmful treatment",
        full: "The parents treat a sick child with means and/or methods that may seriously harm the child's life and health (up to death)",
        info: "“The parents treat a sick child with means and/or methods that may seriously harm the child's life and health (up to death).”\n\n$t(assessment.threat_criteria)",
      },
      t15_sexual_abuse: {
        short: "Sexual abuse",
        full: "The child is presumably subjected to sexual abuse or exploitation and the circumstances give reasonable grounds to believe their physical safety is threatened",
        info: "“The child is presumably subjected to sexual abuse or exploitation and the circumstances give reasonable grounds to believe their physical safety is threatened.”\n\n$t(assessment.threat_criteria)",
      },
    },
    vulnerable: {
      young_or_low_development: "Young age or low level of development",
      chronic_illness: "Chronic physical or mental illness",
      developmental_delay: "Developmental delay",
      fragile_or_often_ill: "Fragile build or often ill",
      behaviour_provokes_parents: "Behaviour provokes negative emotions in parents",
      cannot_express_needs: "Cannot express needs or ask for help",
    },
    protective: {
      adults_guarantee_safety: "Adults who can guarantee the child's safety at home",
      uninvolved_adults_help: "Uninvolved adults ready to help remove the danger at once",
      help_available: "Help is available that immediately controls the threats",
      adult_takes_responsibility: "An adult takes control and will tell the specialist of changes",
      family_aware: "The family sees the danger and wants to protect the child",
    },
    factor: {
      f1: {
        name: "Age",
        info: "The child's age, taking into account the level of self-care skills, not only the chronological age.\n\nHigh: infants and children under six, and children whose development is that of a young child.\nModerate: school-age children.\nLow: young adolescents and adolescents.",
      },
      f2: {
        name: "The child's development and personality",
        info: "High: the child is developmentally delayed, seriously ill, needs constant attention, is especially vulnerable to stress and change; or the parents believe (rightly or not) the child is “wrong” or “defective”, or harder to care for than their other children.\nModerate: born prematurely; stubborn, independent, demanding in ways that provoke harsh reactions; adapts poorly to new situations; slightly delayed or less seriously ill. The parents accept the difficulties without feeling lost or helpless.\nLow: the child keeps to a routine, behaves predictably, has fewer special needs, looks content, calms easily; the parents see no special difficulty in caring for them.",
      },
      f3: { name: "Injuries" },
      f3_1: {
        name: "Location of the injury",
        info: "Earlier injuries. 3.1. Location.\n\nHigh: any blows to the head, chest or abdomen (head and internal injuries can cause death or chronic illness); marks of severe injury anywhere on the body.\nModerate: small or moderately large bruises on the buttocks and thighs with no other injuries.\nLow: no bruises.",
      },
      f3_2: {
        name: "Type of the injury",
        info: "3.2. Type.\n\nHigh: serious and life-threatening injuries inflicted as punishment: immersion burns from hot liquid; bruises from punches to the abdomen; dry contact burns; stab and cut wounds.\nModerate: belt marks; abrasions on the buttocks, back and legs — excessive force in physical punishment.\nLow: no injuries.",
      },
      f3_3: {
        name: "Frequency of injuries",
        info: "3.3. Frequency.\n\nHigh: frequent physical punishment, punishment with excessive force when none was needed.\nModerate: a generally functional family with isolated incidents of maltreatment linked to a parent's severe stress.\nLow: no injuries inflicted.",
      },
      f4: {
        name: "Parents' behaviour indicating possible maltreatment",
        info: "The same actions are more or less likely to harm depending on circumstances: punishment used to protect the child from danger is a lower risk than regular punishment that serves the parent's own emotional needs. The manual's examples.\n\nHigh: a 10-year-old beaten regularly regardless of behaviour; a 4-year-old with pneumonia who cannot breathe properly is given no medical help.\nModerate: a 10-year-old beaten for spilling milk or punished more than siblings; a 4-year-old with 39.5 °C treated with folk remedies, no doctor.\nLow: a 10-year-old strapped once for coming home three hours after dark (loving parents who see punishment as necessary); a 4-year-old with stomach ache whose parents watch closely and will see a doctor if worse.",
      },
      f5: {
        name: "Emotional harm",
        info: "High: the parents often use physical punishment for no evident reason and otherwise humiliate or ignore the child.\nModerate: the parents meet the child's age needs (food, medical care, education) but often use physical punishment that leaves bruises.\nLow: isolated physical punishment or unmet needs; a generally positive emotional climate, low risk of emotional disorders.",
      },
      f6: { name: "Parents' individual characteristics" },
      f6_1: {
        name: "Parents' readiness to acknowledge the maltreatment",
        info: "6.1. Acknowledging the maltreatment and wanting to protect the child.\n\nHigh: the parents deny the maltreatment, invent implausible explanations, do not accept the child needs protection; or accept a dangerous situation but deny it puts their child at risk.\nModerate: they accept the child was or may be hurt but are unwilling or unable to change the situation; partial changes lower the risk without removing it.\nLow: they accept without reservation that they must protect the child and make the changes at once.\n\nThe manual's example (a 2-year-old, a pit by the house): “He knows not to go near it” — high; “We'll cover it with old boards, and fix it properly when we have money” — moderate; “We'll fence it off now and fix it properly in two weeks” — low.",
      },
      f6_2: {
        name: "Illnesses affecting the parents' behaviour",
        info: "6.2. Illnesses and characteristics affecting parenting.\n\nHigh: an illness sharply reduces the parents' functioning, and they deny the problem, seek no help or ignore medical advice; or deny their illness or behaviour affects the child's care.\nModerate: less serious illnesses that do not stop them meeting basic needs, or symptoms controlled by medication or outside help.\nLow: illnesses that do not reduce functioning or are fully controlled by treatment, therapy or support.\n\nConstructive: the parents accept the effect on care, follow treatment, accept help; another adult is ready to take on the main parenting duties.",
      },
      f6_3: {
        name: "Parenting skills",
        info: "6.3. Parenting skills.\n\nHigh: the parents have no parenting or care skills, know nothing of child development; their behaviour directly endangers the child (a mother who has not learnt to feed her baby, who does not gain weight; cruel punishment or a small child left unattended).\nModerate: weak skills: discipline unsuited to the child's age, little knowledge of nutrition, cannot control the children's behaviour, cannot always provide for normal growth and development.\nLow: skills good enough to meet basic needs, but under stress some parenting functions may slip; the family's norms may accept violent upbringing methods.\n\nStrengths even where parenting is ineffective: the wish to learn, sincere interest in the children's wellbeing, healthy attachment.",
      },
      f7: {
        name: "The perpetrator's access to the child",
        info: "High: the perpetrator is not controlled by the family, is still in the home or can easily enter, may use violence if stopped, or will ignore the instruction never to be alone with the child.\nModerate: limited access; the family is ready to stop repeated harm but unsure it can.\nLow: the perpetrator is far away and not expected back, and/or the family is willing and able to keep them from the child; they are in the home but never alone with the child, and/or the child can protect themselves.",
      },
      f8: {
        name: "Living conditions and surroundings",
        info: "High: the home is unfit to live in, due for demolition, or has other conditions threatening the child's health and safety.\nModerate: the home needs repair and threatens the child's health or safety but can be made safe.\nLow: living conditions pose no serious threat to the child's health or safety.\n\nTake the parents' view of safe conditions into account: competent parents remove obvious dangers themselves even in poor housing.",
      },
      f9: {
        name: "Earlier reports or cases of maltreatment",
        info: "High: repeated confirmed reports of maltreatment reached the child-protection authorities, who had to act on the family.\nModerate: repeated unconfirmed reports, or confirmed ones without serious consequences for the child; the family may have been helped.\nLow: no reports of maltreatment, the family was never known to the authorities; earlier complaints were clearly unfounded (e.g. custody disputes).\n\nCompare with the earlier signals shown at planning.",
      },
      f10: {
        name: "Susceptibility to crises",
        info: "Judged by the family's level of stress, how the parents perceive it, and their access to outside help.\n\nHigh: constant severe stress, limited and inadequate coping skills, little or no outside help; or outside help deliberately refused, self-isolation.\nModerate: significant stress, coping but with great difficulty — anxiety about the future, depression, exhaustion: one more stressor or a lost resource can trigger a breakdown.\nLow: the family's needs are met, outside stress is relatively low, reliable support and effective coping skills.",
      },
    },
    levels_info:
      "Risk levels (the manual, Appendix 3).\n\nHigh: without intervention, if the child stays in the family, serious harm (up to injury and death) is likely; the parents have no constructive patterns, or circumstances prevent using them.\nModerate: if the child stays, some harm may be done; intervention is indicated, but there are no signs of immediate danger of serious injury or death; constructive patterns partly control the risk.\nLow: under stress the parents may not perform some duties well, but there is convincing evidence the family generally and consistently uses constructive patterns; no intervention needed — recommendations or psycho-pedagogical and social support.\n\nFactors are rated independently; the overall risk results from their interaction: several moderate factors together may amount to high risk, and one strong neutralising factor may bring the risk down to low. The overall assessment is an integral judgement on all the information gathered; deciding by statistics (such as an average) is not allowed.",
    conclusion: {
      c1: {
        button: "1 — not confirmed, no case",
        short: "1: signal not confirmed, no danger",
        full: "The signal of a violation of the child's rights and interests is not confirmed; there is no evidence of immediate danger to the child. No need for measures to protect the child's rights and interests was found. There are no grounds to open a case.",
      },
      c2: {
        button: "2 — services needed, no case",
        short: "2: no danger or violation, the family needs services",
        full: "There are no signs of immediate danger to life and health and no evidence that the child's rights and lawful interests are violated. However, the family (or the child) needs services (a psychologist's counselling, help learning childcare skills, rehabilitation, psycho-pedagogical support, etc.). There are no grounds to open a case; the parents are advised to turn to the relevant organisations. The results of the family's assessment must be registered.",
      },
      c3: {
        button: "3 — grounds exist, open a case",
        short: "3: reasonable grounds of a violation, open a case",
        full: "There are reasonable grounds to believe that the child's (children's) rights and lawful interests are being violated now or may be in the near future. Reports of past violations were not confirmed, but measures to ensure the child's safety and/or protect their rights and lawful interests are needed. A case must be opened.",
      },
      c4: {
        button: "4 — violation or danger, open a case",
        short: "4: violation confirmed or immediate danger, open a case",
        full: "The assessment confirms a violation of the child's rights and lawful interests and/or shows that the child is in immediate danger. Measures to ensure the child's safety and/or protect their rights and lawful interests are needed. A case must be opened.",
      },
    },
    form: {
      title: "FORM OF CHILD SAFETY ASSESSMENT AND MALTREATMENT RISK ASSESSMENT",
      filled_by: "Filled in following the “Manual for filling in the safety and risk assessment form”",
      reference: "Assessment no. {{number}} · {{subject}} · specialist {{specialist}}",
      safety_title: "Assessment of the child's safety in the family",
      safety_lead:
        "During the family's assessment, immediate threats to the life, health and development of the child",
      fio_born: "(full name, year of birth)",
      person_born: "{{name}}, born {{born}}",
      threats_found: "were found and a safety plan was drawn up",
      threats_none: "were not found",
      plan_title: "Child safety plan",
      child: "The child's full name, year of birth",
      address: "Home address",
      parents: "Full names and years of birth of the parents or other legal representatives",
      facts:
        "Brief description of the violation(s) of the child's rights and interests, including maltreatment",
      threats: "Immediate threats to the child's safety found",
      additional:
        "Additional risk factors of maltreatment in the family (family history, the child's vulnerability, other)",
      reducing: "Factors reducing the risk of maltreatment in the family",
      actions_title: "Actions to ensure the child's safety",
      fio_age: "(the child's full name, age)",
      col_action: "Action to ensure the child's safety",
      col_due: "Deadline Responsible",
      col_signature: "Signature",
      monitoring: "Monitoring: {{text}}",
      done: "Done: {{at}}",
      placement: "Safe placement of the child outside the family: {{text}}",
      no_plan: "No safety plan was drawn up: no immediate threats were found.",
      signatures: "Signatures",
      specialist_sign: "Specialist ____________________",
      parent_sign: "Parent(s) ____________________",
      date: "Date {{date}}",
      history: "Family history: {{text}}",
      age_vulnerability: "The child's age: {{age}}.",
      groups: "The child's vulnerability: {{items}}.",
      none: "none found",
      not_named: "not named yet",
      unknown: "unknown",
      risk_title: "Maltreatment risk assessment",
      col_factors: "Factors",
      col_risk: "Risk",
      no_info: "(no information)",
      mark: "X",
      not_rated: "The risk assessment was not made.",
      overall_title: "Overall maltreatment risk",
      overall_child: "Of the child",
      overall_level: "Overall risk level: {{level}}.",
      reasoning: "Reasoning: {{text}}",
      no_reasoning: "Reasoning: —",
      conclusion_title: "Conclusion (recommendation to the guardianship authority)",
      conclusion: "{{number}}. {{text}}",
      services: "Recommended services: {{text}}",
      case_opened: "Case no. {{case}} opened.",
      signature_title: "Signature(s) of the specialist(s)",
      signature_line: "____________________ ({{name}})",
      signature_blank: "____________________ (                    )",
      handed_over: "Handed to the guardianship authority: {{at}}, {{recipient}}.",
      acknowledged: "Receipt confirmed: {{at}}, {{by}}.",
      not_acknowledged: "Receipt by the guardianship authority is not confirmed yet.",
    },
    timing: {
      planning: "planning",
      contact: "urgent contact",
      safety: "contact and safety assessment",
      risk: "information and risk assessment",
      handover: "hand-over to the guardianship authority",
      line: "{{mark}} {{step}}: {{took}} (norm {{norm}})",
      line_no_norm: "• {{step}}: {{took}}",
      running: "{{minutes}} so far",
      mark_ok: "✓",
      mark_over: "⚠",
      mark_running: "…",
    },
    card: {
      specialist: "Specialist: {{name}}",
      child_age: "Child: {{age}}",
      child_age_unknown: "Child: age unknown",
      urgency: "Urgency: {{urgency}}",
      contact_deadline: "Contact the family by {{at}}",
      threats_found_one: "{{count}} immediate threat found — a safety plan is needed.",
      threats_found_other: "{{count}} immediate threats found — a safety plan is needed.",
      no_threats: "No immediate threats found.",
      plan_actions_one: "Safety plan: {{count}} action.",
      plan_actions_other: "Safety plan: {{count}} actions.",
      placement: "Safety plan: safe placement outside the family.",
      overall: "Overall risk level: {{level}}",
      conclusion: "Conclusion: {{conclusion}}",
      case_opened: "Case no. {{case}} opened.",
      handed_over: "Handed to the guardianship authority: {{at}}.",
      acknowledged: "The guardianship authority confirmed receipt: {{at}} ({{by}}).",
      not_acknowledged:
        "⏳ The guardianship authority has not confirmed receipt yet: I remind you once a day until you record it.",
      reviewed: "Supervision: {{head}}, {{at}}.",
      cancelled: "The assessment was cancelled.",
      times: "Time norms:",
      next: "Next: {{stage}}.",
    },
    planning_check: {
      title: "Planning (at most 20 minutes). First, what is already known about the family:",
      earlier: "• Earlier signals about her: {{items}}.",
      earlier_item: "signal {{number}} — {{status}}",
      earlier_case: "signal {{number}} — case no. {{case}} opened",
      no_earlier: "• No earlier signals about her.",
      assessments: "• Earlier assessments: {{items}}.",
      assessment_item: "no. {{number}} of {{at}} — {{conclusion}}",
      assessment_open: "no. {{number}} — in progress ({{stage}})",
      no_assessments: "• No earlier safety and risk assessments.",
      then: "Answer the planning questions.",
    },
    buttons: {
      planning: "📝 Planning",
      contact: "🤝 Contact with the family made",
      safety: "🛡 Safety assessment",
      plan: "📋 Safety plan",
      add_action: "➕ Add an action",
      plan_done: "✅ Plan ready",
      remove_action: "🗑 Remove {{position}}",
      action_done: "✅ Done",
      risk: "⚖ Risk assessment",
      rerate: "✏ Change factor ratings",
      fix_rating: "✏ Correct one rating",
      fix_factor: "{{factor}}. {{name}} — {{rating}}",
      fix_threat: "✏ Correct a threat answer",
      fix_threat_item: "{{n}}. {{name}} — {{answer}}",
      fix_threat_to_yes: "Change to “Yes”",
      fix_threat_to_no: "Change to “No”",
      level_high: "High",
      level_moderate: "Moderate",
      level_low: "Low",
      levels_info: "ℹ️ Risk levels",
      conclusion: "🧾 Conclusion",
      handover: "📤 Hand over to the guardianship authority",
      handover_ack: "✅ The authority confirmed receipt",
      form: "📄 Form (PDF)",
      review: "🔍 Mark supervision",
      cancel: "✖ Cancel the assessment",
      open: "▶ Assessment no. {{number}} — {{stage}}",
      start_case: "🛡 Case no. {{case}}",
      start_signal: "🛡 Signal {{signal}}",
    },
    plan: {
      title: "Child safety plan:",
      threats: "Threats: {{items}}.",
      placement: "Safe placement outside the family: {{text}}",
      action:
        "{{position}}. {{action}} — by {{due}}; responsible: {{responsible}}; monitoring: {{monitoring}}{{done}}",
      done_mark: " ✅",
      empty: "No actions yet.",
      requirements:
        "The plan must: name the threats clearly; have a deadline for each action; be realistic for the family; be detailed; say how each action is monitored.",
      next_action: "Add an action or finish the plan.",
      action_added: "Action {{position}} added to the plan.",
      due_again: "Give the deadline again.",
    },
    fix_threat: {
      choose: "Which threat answer should be corrected? The others stay as they are.",
      one: "Threat {{n}} of 15. {{full}}. Now: {{answer}}.",
      yes: "Yes",
      no: "No",
      done: "The answer on threat {{n}} is corrected: now “{{answer}}”.",
      plan_needed:
        "An immediate threat is found: a safety plan is needed. Draw it up; the factor ratings are kept.",
      restate: "State the overall risk level again: it is not carried over.",
    },
    fix_rating: {
      choose: "Which rating should be corrected? The others stay as they are.",
      factor: "Factor {{factor}}. {{name}}: now {{rating}}. Which risk level is right?",
      done: "The rating of factor {{factor}} is corrected: {{from}} → {{to}}. State the overall risk level again: it is not carried over.",
      same: "The rating of factor {{factor}} has not changed.",
    },
    side_by_side: {
      title: "Risk assessment — the factors side by side:",
      line: "{{factor}}. {{name}} — {{rating}}",
      groups:
        "By level: high — {{high}}; moderate — {{moderate}}; low — {{low}}; no information — {{no_info}}.",
      none: "none",
      choose:
        "The overall level is yours to state: an integral judgement on all the information, not an average of the factors. Choose the level:",
    },
    overall: {
      lower:
        "You chose “{{level}}”, while factors {{factors}} are rated higher. That is possible (a strong neutralising factor, say), but needs a written reasoning.",
      chosen: "Overall level: {{level}}.",
    },
    concluded: {
      case_opened: "Conclusion saved. Case no. {{case}} opened (curator {{curator}}).",
      case_recorded: "Conclusion saved in case no. {{case}}.",
      no_case: "Conclusion saved: no case is opened.",
      handover_next: "Hand the form to the guardianship authority (norm: 7 minutes).",
    },
    handover: {
      done: "Hand-over to the guardianship authority recorded: {{at}}. The form is below.",
      caption: "Assessment form no. {{number}}",
      acknowledged:
        "Receipt of assessment form no. {{number}} by the guardianship authority is recorded. No more reminders.",
    },
    form_sent: "Assessment form no. {{number}} is below.",
    reviewed_ok: "Supervision of assessment no. {{number}} marked.",
    cancelled_ok: "Assessment no. {{number}} cancelled.",
    list: {
      title: "Safety and risk assessment: choose a case or a signal.",
      empty:
        "No cases or signals you can start an assessment on. An assessment starts on a case (/assess <case number>) or on a signal you are the curator of.",
      in_progress: "Assessments in progress:",
    },
    reviews: {
      title: "Assessments awaiting supervision:",
      item: "no. {{number}} — {{subject}}, conclusion {{conclusion}}, {{at}}",
      empty: "Every finished assessment has been supervised.",
    },
    notice: {
      ack_reminder_self:
        "⏰ Assessment no. {{number}}: the guardianship authority has not confirmed receiving the form yet (handed over {{at}}). Check with them and record it when they confirm.",
      ack_reminder:
        "⏰ Assessment no. {{number}} ({{subject}}): the guardianship authority has not confirmed receiving the form (handed over {{at}}); specialist: {{specialist}}.",
      step_overdue:
        "⏰ Assessment no. {{number}} ({{subject}}): the step “{{step}}” is overdue — it was due {{at}}. Specialist: {{specialist}}",
      step_overdue_self: "⏰ Assessment no. {{number}}: the step “{{step}}” is overdue — it was due {{at}}.",
      concluded:
        "🧾 Assessment no. {{number}} ({{subject}}) finished: {{conclusion}}; overall risk {{level}}. Specialist: {{specialist}}",
      handed_over:
        "📤 Assessment no. {{number}} ({{subject}}): the form was handed to the guardianship authority {{at}}.",
      action_due:
        "📋 Today is the deadline of safety-plan action {{position}} (assessment no. {{number}}): {{action}}. Responsible: {{responsible}}. Mark it done.",
      action_overdue:
        "⏰ Safety-plan action {{position}} (assessment no. {{number}}) was not done by its deadline ({{due}}).",
      action_overdue_heads:
        "⏰ Assessment no. {{number}} ({{subject}}): safety-plan action {{position}} was not done by its deadline ({{due}}). Specialist: {{specialist}}",
      action_done: "Action {{position}} marked done.",
      reviewed: "🔍 {{head}} marked the supervision of assessment no. {{number}}: {{comment}}",
    },
  },
  commands: {
    assess: "safety and risk assessment",
    reviews: "assessments for supervision",
  },
  flows: {
    assessment_planning: {
      child_name: {
        prompt: "The child: full name?",
        label: "Child",
        hint: "If not named yet — the button below.",
      },
      child_birth: {
        prompt: "The child's date of birth?",
        label: "Child's date of birth",
        hint: "E.g. 20.11.2026. Age sets the vulnerability: under 2 extreme, under 6 heightened.",
      },
      parents: {
        prompt: "Parents or other legal representatives: full names and years of birth?",
        label: "Parents",
        hint: "If it is the mother from the signal — the button below.",
      },
      address: {
        prompt: "The child's home address?",
        label: "Home address",
      },
      facts: {
        prompt: "Briefly: what is known of the violation of the child's rights, including maltreatment?",
        label: "Facts",
        hint: "From the signal and what is already known. This goes into the form.",
      },
      urgency: {
        prompt: "Does the situation need an immediate response?",
        label: "Urgency",
        info: "Regulation 4.1–4.2: the deadline follows from how urgent the signal is. If it needs an immediate response, go to the family within an hour. If not, tell the family of the visit's purpose in advance and agree a time. Establishing contact takes about 20 minutes (up to 1.5 hours when the parents are clearly unwilling and no urgent assessment is needed).",
      },
      not_named: "Not named yet",
      unknown: "Unknown",
      mother_from_signal: "The mother, as in the signal",
      address_from_signal: "The mother's address from the signal",
      summary: "Check the assessment plan:",
      save: "💾 Save",
    },
    assessment_safety: {
      t01: {
        prompt:
          "Safety assessment: 15 immediate threats. “Yes” if the threat exists now or very soon; “ℹ️ Explanation” gives the manual's wording.\n\nThreat 1 of 15. Has the child suffered a serious physical injury?",
        label: "1. Serious injury",
      },
      t02: {
        prompt:
          "Threat 2 of 15. Could the parent not, can they not, or will they not be able to protect the child from serious harm by others with access to the child?",
        label: "2. Parent cannot protect",
      },
      t03: {
        prompt:
          "Threat 3 of 15. Did a parent or another person with access to the child threaten them with serious harm (injury, death)?",
        label: "3. Child was threatened",
      },
      t04: {
        prompt:
          "Threat 4 of 15. Is the behaviour of a household member or another person with access to the child aggressive and out of control?",
        label: "4. Aggression out of control",
      },
      t05: {
        prompt:
          "Threat 5 of 15. Is a family member (another person) regularly in the home with free access to the child hostile to them and shows it openly, makes demands far beyond their abilities or judges them unrealistically?",
        label: "5. Hostile adult",
      },
      t06: {
        prompt:
          "Threat 6 of 15. Is someone with access to the child dependent on alcohol and/or drugs, and does their behaviour when intoxicated endanger the child's life or seriously their health?",
        label: "6. Intoxication endangers the child",
      },
      t07: {
        prompt:
          "Threat 7 of 15. Is a family member caring for the child so ill that it greatly reduces their ability to care or makes their behaviour unpredictable and dangerous?",
        label: "7. Carer's illness",
      },
      t08: {
        prompt:
          "Threat 8 of 15. Do the housing and material conditions give reasonable grounds to believe the child's safety is threatened?",
        label: "8. Housing",
      },
      t09: {
        prompt:
          "Threat 9 of 15. Do the nature and frequency of domestic violence give reasonable grounds to believe there is a serious threat of physical and/or emotional harm to the child?",
        label: "9. Domestic violence",
      },
      t10: {
        prompt:
          "Threat 10 of 15. Does the family's behaviour give reasonable grounds to believe it may move and “disappear” from the specialists' view?",
        label: "10. Family may disappear",
      },
      t11: {
        prompt:
          "Threat 11 of 15. Is the parent unable to convincingly explain the child's serious injuries or poor physical condition?",
        label: "11. Unexplained injuries",
      },
      t12: {
        prompt: "Threat 12 of 15. Will the parent not or can they not meet the child's vital needs?",
        label: "12. Vital needs",
      },
      t13: {
        prompt:
          "Threat 13 of 15. Do the parents (or those in their place) refuse treatment of a seriously ill child, which may seriously threaten their life, health or development?",
        label: "13. Treatment refused",
      },
      t14: {
        prompt:
          "Threat 14 of 15. Do the parents treat a sick child with means and/or methods that may seriously harm their life and health?",
        label: "14. Harmful treatment",
      },
      t15: {
        prompt:
          "Threat 15 of 15. Is the child presumably subjected to sexual abuse or exploitation, with grounds to believe their physical safety is threatened?",
        label: "15. Sexual abuse",
      },
      vulnerability: {
        prompt: "The child's vulnerability. Tick all that apply, then “Done”:",
        label: "Vulnerability",
        info: "Judging the immediate risk needs the child's age, health and development. All children under six are more vulnerable to the harm of maltreatment, and children under two are to be considered extremely vulnerable (the system works this out from the birth date).\n\nVulnerable groups: young children and/or children with a relatively low level of development; children with chronic physical or mental illness; children with developmental delay; children of fragile build or often ill; children whose behaviour provokes negative emotions in their parents; children who cannot express their needs or ask for help.",
        none: "None of these",
      },
      protective: {
        prompt: "Protective capacities of the family and its circle. Tick what exists, then “Done”:",
        label: "Protective factors",
        info: "Resources of relatives and the family's circle are used to reduce or neutralise the threats and to keep the child with their family. If they are clearly not enough, the child must be placed safely outside the family.\n\nThe manual's examples: adults in the family or its circle who can guarantee the child's safety for the time being; adults not involved in the harm, ready to help the specialist remove the danger at once; help available to the parents that immediately brings the threats under control (e.g. an adult who will help the mother stay sober); an adult who takes control and will tell the specialist of changes at once; a family that sees the danger and wants to protect the child.",
        other: "Other",
        none: "None found",
      },
      history: {
        prompt:
          "Family history: earlier violations of the child's rights in this family and their causes (optional if nothing is known).",
        label: "Family history",
      },
      summary: "Check the safety assessment:",
      save: "💾 Save the safety assessment",
      errors: {
        none_alone: "“None” cannot be ticked together with other options.",
      },
    },
    safety_plan: {
      kind: {
        prompt: "Immediate threats were found — a safety plan is needed. How will the child be protected?",
        label: "Protection",
        info: "The safety plan protects the child from serious harm until the detailed assessment and the long-term plan. It must: name the threats clearly; be strictly time-bound with a deadline for each action; be realistic so the family can follow it; be detailed; include how each action's completion is monitored.\n\nIf actions at the child's home cannot keep the child safe, the child must be placed safely outside the family.",
      },
      placement: {
        prompt: "Where and with whom will the child stay?",
        label: "Placement",
        hint: "E.g. with the grandmother, M. I. Sidorova, at …, from 23.11; agreed with the guardianship authority.",
      },
    },
    safety_action: {
      action: {
        prompt: "Safety-plan action: what will be done?",
        label: "Action",
        hint: "Specific and doable for the family. E.g. the father is never alone with the child.",
      },
      due: {
        prompt: "Deadline?",
        label: "Deadline",
        hint: "A button or a date: 25.11 or 25.11.2026.",
      },
      responsible: {
        prompt: "Who is responsible?",
        label: "Responsible",
        hint: "E.g. the mother; the grandmother, M. I. Sidorova; the service's specialist.",
      },
      monitoring: {
        prompt: "How will it be checked?",
        label: "Monitoring",
        hint: "E.g. the specialist calls the mother daily at 10:00; a repeat visit on 25.11.",
      },
      today: "Today",
      tomorrow: "Tomorrow",
      in_3_days: "In 3 days",
      in_a_week: "In a week",
      summary: "Safety-plan action:",
      add: "➕ Add to the plan",
      errors: {
        due_format: "Could not read the deadline. Press a button or type a date: 25.11 or 25.11.2026.",
      },
    },
    assessment_risk: {
      f1: {
        prompt:
          "Risk assessment: 10 factors (3 and 6 through their sub-factors), each rated on its own; “No information” is allowed and shows in the form. “ℹ️ Explanation” gives the level definitions.\n\nFactor 1 of 10. The child's age — risk level?",
        label: "1. Age",
      },
      f2: {
        prompt: "Factor 2 of 10. The child's development and personality — risk level?",
        label: "2. Development",
      },
      f3_1: {
        prompt: "Factor 3 of 10 — injuries.\n3.1. Location of the injury — risk level?",
        label: "3.1. Location",
      },
      f3_2: { prompt: "3.2. Type of the injury — risk level?", label: "3.2. Type" },
      f3_3: { prompt: "3.3. Frequency of injuries — risk level?", label: "3.3. Frequency" },
      f4: {
        prompt: "Factor 4 of 10. Parents' behaviour indicating possible maltreatment — risk level?",
        label: "4. Parents' behaviour",
      },
      f5: { prompt: "Factor 5 of 10. Emotional harm — risk level?", label: "5. Emotional harm" },
      f6_1: {
        prompt:
          "Factor 6 of 10 — the parents' characteristics.\n6.1. Parents' readiness to acknowledge the maltreatment — risk level?",
        label: "6.1. Acknowledgement",
      },
      f6_2: {
        prompt: "6.2. Illnesses affecting the parents' behaviour — risk level?",
        label: "6.2. Parents' illness",
      },
      f6_3: { prompt: "6.3. Parenting skills — risk level?", label: "6.3. Parenting skills" },
      f7: {
        prompt: "Factor 7 of 10. The perpetrator's access to the child — risk level?",
        label: "7. Access",
      },
      f8: {
        prompt: "Factor 8 of 10. Living conditions and surroundings — risk level?",
        label: "8. Living conditions",
      },
      f9: {
        prompt: "Factor 9 of 10. Earlier reports or cases of maltreatment — risk level?",
        label: "9. Earlier reports",
      },
      f10: {
        prompt: "Factor 10 of 10. The family's susceptibility to crises — risk level?",
        label: "10. Crises",
      },
      summary: "Check the factor ratings:",
      save: "💾 Save the ratings",
    },
    assessment_overall: {
      reasoning: {
        prompt:
          "Reasoning for the overall level: what the judgement rests on (may be skipped — the form has lines for it).",
        prompt_required: "Explain why the overall level is lower than these factors' ratings:",
        label: "Reasoning",
      },
    },
    assessment_conclusion: {
      conclusion: {
        prompt:
          "Conclusion — the recommendation to the guardianship authority:\n1 — not confirmed, no danger, no case;\n2 — no danger or violation, but the family needs services; no case;\n3 — reasonable grounds of a violation now or soon; open a case;\n4 — violation confirmed or the child in immediate danger; open a case.",
        label: "Conclusion",
        info: "The recommendations (the manual, Appendix 3):\n\n1. $t(assessment.conclusion.c1.full)\n\n2. $t(assessment.conclusion.c2.full)\n\n3. $t(assessment.conclusion.c3.full)\n\n4. $t(assessment.conclusion.c4.full)",
      },
      services: {
        prompt: "Which services are recommended to the family, and where to turn?",
        label: "Recommended services",
        hint: "E.g. a psychologist's counselling; learning childcare skills; psycho-pedagogical support.",
      },
      summary: "Check the conclusion:",
      save: "💾 Save the conclusion",
    },
    assessment_handover: {
      recipient: {
        prompt: "Where does the form go? The guardianship authority (name, e-mail or address).",
        label: "Recipient",
        hint: "E.g. guardianship department of the Central district, opeka@example.ru",
      },
      channel: {
        prompt: "How is it handed over?",
        label: "How",
      },
      summary: "Hand-over of the results to the guardianship authority:",
      save: "📤 Record the hand-over",
    },
    assessment_handover_ack: {
      received_by: {
        prompt: "Who at the guardianship authority confirmed receipt? Name and position.",
        label: "Confirmed by",
        hint: "For example: Sokolova E. V., lead specialist of the guardianship department",
      },
    },
    assessment_review: {
      comment: {
        prompt:
          "Supervision: a comment on the assessment (compliance with the regulation, deadlines, what to consider)?",
        label: "Comment",
      },
    },
    assessment_cancel: {
      reason: {
        prompt: "Why is the assessment stopped?",
        label: "Reason",
      },
    },
  },
};
