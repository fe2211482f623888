/**
 * Synthetic data for the registers benchmark: one service, `hospitals` hospitals, `curators`
 * curators, `signals` signals spread evenly over ten years up to `end`, with cases for the
 * confirmed ones (stage 3 closures, accompaniment, hand-overs). Women's names are combinations of
 * common surnames, first names and patronymics (no real person is meant), as many to a surname as a
 * large city's journal would have: a name search meets realistic numbers of namesakes. Staff
 * names are fictional ("Куратова-3 Вера"). Written with a few INSERT … SELECT statements, so a million signals take
 * seconds, not minutes; journal numbers follow the rules of the real ones (per year of the
 * service's or hospital's zone, in order of receipt).
 */
import type pg from "pg";
import { nameKey } from "../../src/signals/domain/names.ts";

/** Common surnames (female forms), first names and patronymics the synthetic names combine. */
export const SURNAMES = [
  "Иванова",
  "Смирнова",
  "Кузнецова",
  "Попова",
  "Васильева",
  "Петрова",
  "Соколова",
  "Михайлова",
  "Новикова",
  "Фёдорова",
  "Морозова",
  "Волкова",
  "Алексеева",
  "Лебедева",
  "Семёнова",
  "Егорова",
  "Павлова",
  "Козлова",
  "Степанова",
  "Николаева",
  "Орлова",
  "Андреева",
  "Макарова",
  "Никитина",
  "Захарова",
  "Зайцева",
  "Соловьёва",
  "Борисова",
  "Яковлева",
  "Григорьева",
  "Романова",
  "Воробьёва",
  "Сергеева",
  "Кузьмина",
  "Фролова",
  "Александрова",
  "Дмитриева",
  "Королёва",
  "Гусева",
  "Киселёва",
  "Ильина",
  "Максимова",
  "Полякова",
  "Сорокина",
  "Виноградова",
  "Ковалёва",
  "Белова",
  "Медведева",
  "Антонова",
  "Тарасова",
  "Жукова",
  "Баранова",
  "Филиппова",
  "Комарова",
  "Давыдова",
  "Беляева",
  "Герасимова",
  "Богданова",
  "Осипова",
  "Сидорова",
  "Матвеева",
  "Титова",
  "Маркова",
  "Миронова",
  "Крылова",
  "Куликова",
  "Карпова",
  "Власова",
  "Мельникова",
  "Денисова",
  "Гаврилова",
  "Тихонова",
  "Казакова",
  "Афанасьева",
  "Данилова",
  "Савельева",
  "Тимофеева",
  "Фомина",
  "Чернова",
  "Абрамова",
  "Мартынова",
  "Ефимова",
  "Федотова",
  "Щербакова",
  "Назарова",
  "Калинина",
  "Исаева",
  "Чернышёва",
  "Быкова",
  "Маслова",
  "Родионова",
  "Коновалова",
  "Лазарева",
  "Воронина",
  "Климова",
  "Филатова",
  "Пономарёва",
];
export const FIRST_NAMES = [
  "Анна",
  "Мария",
  "Елена",
  "Ольга",
  "Наталья",
  "Татьяна",
  "Ирина",
  "Екатерина",
  "Светлана",
  "Юлия",
  "Анастасия",
  "Дарья",
  "Ксения",
  "Алина",
  "Виктория",
  "Полина",
  "Евгения",
  "Валерия",
  "Кристина",
  "Марина",
  "Вера",
  "Надежда",
  "Любовь",
  "Галина",
  "Людмила",
  "Алёна",
  "Яна",
  "Софья",
  "Диана",
  "Оксана",
  "Жанна",
];
export const PATRONYMICS = [
  "Александровна",
  "Сергеевна",
  "Андреевна",
  "Дмитриевна",
  "Алексеевна",
  "Ивановна",
  "Петровна",
  "Николаевна",
  "Владимировна",
  "Михайловна",
  "Викторовна",
  "Юрьевна",
  "Олеговна",
  "Игоревна",
  "Евгеньевна",
  "Васильевна",
  "Павловна",
  "Романовна",
  "Анатольевна",
  "Геннадьевна",
  "Борисовна",
  "Константиновна",
  "Максимовна",
];

/** What to make. */
export interface SyntheticOptions {
  signals: number;
  hospitals: number;
  curators: number;
  /** The newest signal's receipt time. */
  end: Date;
  years: number;
}

/** Ids a benchmark refers to. */
export interface SyntheticWorld {
  serviceId: string;
  hospitalIds: string[];
  curatorIds: string[];
  reporterIds: string[];
  headId: string;
}

/** Fills an empty (migrated) database; returns the ids. */
export async function seedSynthetic(client: pg.Client, options: SyntheticOptions): Promise<SyntheticWorld> {
  const { rows: svc } = await client.query<{ id: string }>(
    `INSERT INTO services (id, name, time_zone) VALUES (gen_random_uuid(), 'Служба (синтетическая)', 'Europe/Moscow') RETURNING id`,
  );
  const serviceId = svc[0]!.id;
  const { rows: hospitals } = await client.query<{ id: string }>(
    `INSERT INTO hospitals (id, service_id, name, short_name)
     SELECT gen_random_uuid(), $1, 'Роддом №' || n, 'РД' || n FROM generate_series(1, $2) n ORDER BY n RETURNING id`,
    [serviceId, options.hospitals],
  );
  const hospitalIds = hospitals.map((h) => h.id);
  const { rows: curators } = await client.query<{ id: string }>(
    `INSERT INTO staff (id, service_id, role, full_name)
     SELECT gen_random_uuid(), $1, 'curator', 'Куратова-' || n || ' Вера Ильинична' FROM generate_series(1, $2) n RETURNING id`,
    [serviceId, options.curators],
  );
  const { rows: reporters } = await client.query<{ id: string }>(
    `INSERT INTO staff (id, service_id, role, hospital_id, full_name)
     SELECT gen_random_uuid(), $1, 'reporter', h, 'Неонатолова-' || ordinality || ' Ольга Петровна'
       FROM unnest($2::uuid[]) WITH ORDINALITY AS h RETURNING id`,
    [serviceId, hospitalIds],
  );
  const { rows: head } = await client.query<{ id: string }>(
    `INSERT INTO staff (id, service_id, role, full_name) VALUES (gen_random_uuid(), $1, 'head', 'Руководова Анна Сергеевна') RETURNING id`,
    [serviceId],
  );
  const spanSeconds = options.years * 365.25 * 86_400;
  // Receipt times evenly spread (with jitter) over the span; identification 5 minutes to 5 hours
  // earlier (about a fifth later than 3 hours); one hospital per signal, skewed a little.
  await client.query(
    `
    INSERT INTO signals (id, service_id, hospital_id, reporter_id, hospital_year, hospital_number, service_year,
                         service_number, woman_full_name, woman_name_key, registered_address, actual_address,
                         ambulance_from, phone, category, location, identified_at, registered_at, transmitted_at,
                         late, urgency, status, curator_id, assigned_at, assigned_by_id, arrived_at, decided_at)
    SELECT gen_random_uuid(), $1, h.id, r.id,
           extract(year FROM b.tx AT TIME ZONE 'Europe/Moscow')::int,
           row_number() OVER (PARTITION BY h.id, extract(year FROM b.tx AT TIME ZONE 'Europe/Moscow') ORDER BY b.tx, b.n),
           extract(year FROM b.tx AT TIME ZONE 'Europe/Moscow')::int,
           row_number() OVER (PARTITION BY extract(year FROM b.tx AT TIME ZONE 'Europe/Moscow') ORDER BY b.tx, b.n),
           ($11::text[])[1 + b.n % $14] || ' ' || ($12::text[])[1 + (b.n / $14) % $15] || ' ' || ($13::text[])[1 + (b.n / ($14 * $15)) % $16],
           ($17::text[])[1 + b.n % $14] || ' ' || ($18::text[])[1 + (b.n / $14) % $15],
           'г. Вымышленск, ул. Придуманная, д. ' || (b.n % 200), 'г. Вымышленск, ул. Условная, д. ' || (b.n % 150),
           CASE WHEN b.n % 3 = 0 THEN 'ул. Условная, д. ' || (b.n % 150) END, '+7 900 000-00-00',
           (ARRAY['intends_to_abandon','undecided','refusal_written','pregnant_intends'])[1 + b.n % 4]::signal_category,
           'together_in_ward', b.tx - b.lag, b.tx, b.tx, b.lag > interval '3 hours',
           CASE WHEN b.n % 5 = 0 THEN 'planned' ELSE 'urgent' END::urgency,
           CASE WHEN b.recent THEN 'received' WHEN b.n % 10 < 3 THEN 'case_opened' ELSE 'not_confirmed' END::signal_status,
           CASE WHEN b.recent THEN NULL ELSE ($4::uuid[])[1 + b.n % $5] END,
           CASE WHEN b.recent THEN NULL ELSE b.tx + interval '10 minutes' END,
           CASE WHEN b.recent THEN NULL ELSE $6::uuid END,
           CASE WHEN b.recent THEN NULL ELSE b.tx + interval '2 hours' END,
           CASE WHEN b.recent THEN NULL ELSE b.tx + interval '4 hours' END
      FROM (SELECT n,
                   $2::timestamptz - make_interval(secs => ($3::float8 * ($7 - n) / $7) + (n::bigint * 7919 % 600)) AS tx,
                   make_interval(mins => 5 + (n::bigint * 104729 % 295)::int) AS lag,
                   n > $7 - 20 AS recent,
                   CASE WHEN n % 7 = 0 THEN 0 ELSE n % $8 END AS hi
              FROM generate_series(1, $7) n) b
      JOIN LATERAL (SELECT ($9::uuid[])[1 + b.hi] AS id) h ON true
      JOIN LATERAL (SELECT ($10::uuid[])[1 + b.hi] AS id) r ON true`,
    [
      serviceId,
      options.end,
      spanSeconds,
      curators.map((c) => c.id),
      options.curators,
      head[0]!.id,
      options.signals,
      options.hospitals,
      hospitalIds,
      reporters.map((r) => r.id),
      SURNAMES,
      FIRST_NAMES,
      PATRONYMICS,
      SURNAMES.length,
      FIRST_NAMES.length,
      PATRONYMICS.length,
      // The keys as the intake computes them (../../src/signals/domain/names.ts), not SQL's lower().
      SURNAMES.map((n) => nameKey(n)),
      FIRST_NAMES.map((n) => nameKey(n)),
    ],
  );
  // Cases of the confirmed signals, numbered per year in order of opening: a mix of every way a
  // case ends.
  await client.query(
    `
    INSERT INTO cases (id, service_id, signal_id, number, case_year, case_number, curator_id, status, opened_at,
                       accompaniment_at, closed_at, close_reason, handed_over_at)
    SELECT gen_random_uuid(), s.service_id, s.id, s.num || '/' || s.y, s.y, s.num, s.curator_id,
           CASE WHEN s.k = 2 AND s.decided_at < $1::timestamptz - interval '200 days' THEN 'closed'
                ELSE (ARRAY['closed','closed','accompaniment','closed','closed','closed','handed_over','open'])[1 + s.k] END::case_status,
           s.decided_at,
           CASE WHEN s.k IN (2,3,4,5) THEN s.decided_at + interval '20 days' END,
           CASE WHEN s.k IN (0,1) THEN s.decided_at + interval '25 days'
                WHEN s.k IN (3,4,5) THEN s.decided_at + interval '180 days'
                WHEN s.k = 2 AND s.decided_at < $1::timestamptz - interval '200 days' THEN s.decided_at + interval '190 days' END,
           CASE WHEN s.k = 2 AND s.decided_at < $1::timestamptz - interval '200 days' THEN 'plan_done'
                ELSE (ARRAY['not_changed','changed_resolved',NULL,'plan_done','plan_not_kept','against_child_interests',NULL,NULL])[1 + s.k] END::case_close_reason,
           CASE WHEN s.k = 6 THEN s.decided_at + interval '30 days' END
      FROM (SELECT s.*, extract(year FROM s.decided_at AT TIME ZONE 'Europe/Moscow')::int AS y,
                   (s.service_number * 31 + s.service_year) % 8 AS k,
                   row_number() OVER (PARTITION BY extract(year FROM s.decided_at AT TIME ZONE 'Europe/Moscow')
                                      ORDER BY s.decided_at, s.id) AS num
              FROM signals s WHERE s.status = 'case_opened') s`,
    [options.end],
  );
  await client.query("VACUUM ANALYZE signals");
  await client.query("VACUUM ANALYZE cases");
  return {
    serviceId,
    hospitalIds,
    curatorIds: curators.map((c) => c.id),
    reporterIds: reporters.map((r) => r.id),
    headId: head[0]!.id,
  };
}
