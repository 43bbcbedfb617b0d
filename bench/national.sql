-- national.sql — the anchors of bench/national.sh: every figure that
-- `fazhi metrics` prints for an org subtree and a year, written by hand as
-- one scan per register (count/sum with FILTER), for Debian's sqlite3 CLI
-- on fazhi's own database file and for DuckDB on the same data loaded from
-- the generated CSVs. national.sh replaces @LO@ @HI@ (the subtree's code
-- range), @FROM@ @TO@ (the year), @PFROM@ @PTO@ (the year before) and
-- @ASOF@ (the year's end, or today while it runs) before running it.
-- Prints one row per figure: name | value | denominator.
--
-- Deadlines: fazhi judges each record against the rule table and the
-- working-day calendar. Of the rules only the two on aid_case (decide
-- within 7 days of acceptance, assign within 3 days of the decision, days
-- rolled to the next working day) have records in the benchmark data; the
-- table aid_due(start, decide_by, assign_by), made by national.sh from
-- data/calendar/cn.csv, gives both due dates for every start day. The row
-- guard.other_deadline_records must be 0: the registers of the other rules
-- are empty, or these deadline figures would be incomplete.
WITH
disp AS MATERIALIZED (
  SELECT count(*) AS n, count(*) FILTER (WHERE result = 'resolved') AS resolved
  FROM dispute WHERE voided = 0 AND org >= '@LO@' AND org < '@HI@'
    AND received BETWEEN '@FROM@' AND '@TO@'),
aid AS MATERIALIZED (
  SELECT count(*) AS n,
         count(*) FILTER (WHERE closed IS NOT NULL AND closed <= '@TO@') AS closed,
         coalesce(sum(recovered), 0) AS recovered
  FROM aid_case WHERE voided = 0 AND org >= '@LO@' AND org < '@HI@'
    AND accepted BETWEEN '@FROM@' AND '@TO@'),
cons AS MATERIALIZED (
  SELECT coalesce(sum(count), 0) AS people FROM consultation
  WHERE voided = 0 AND org >= '@LO@' AND org < '@HI@' AND date BETWEEN '@FROM@' AND '@TO@'),
docs AS MATERIALIZED (
  SELECT coalesce(sum(count), 0) AS docs FROM aid_document
  WHERE voided = 0 AND org >= '@LO@' AND org < '@HI@' AND date BETWEEN '@FROM@' AND '@TO@'),
act AS MATERIALIZED (
  SELECT count(*) AS n, coalesce(sum(audience), 0) AS audience FROM activity
  WHERE voided = 0 AND org >= '@LO@' AND org < '@HI@' AND date BETWEEN '@FROM@' AND '@TO@'),
scr AS MATERIALIZED (
  SELECT coalesce(sum(times), 0) AS times FROM screening
  WHERE voided = 0 AND org >= '@LO@' AND org < '@HI@' AND date BETWEEN '@FROM@' AND '@TO@'),
-- every aid case of the subtree, any year: each rule's due date and state
aid_dl AS MATERIALIZED (
  SELECT
    count(*) FILTER (WHERE decided IS NOT NULL AND decided <= d1.decide_by
                     AND d1.decide_by BETWEEN '@FROM@' AND '@TO@')
  + count(*) FILTER (WHERE assigned IS NOT NULL AND assigned <= d2.assign_by
                     AND d2.assign_by BETWEEN '@FROM@' AND '@TO@') AS met,
    count(*) FILTER (WHERE d1.decide_by BETWEEN '@FROM@' AND '@TO@'
                     AND (decided IS NOT NULL OR d1.decide_by < '@ASOF@'))
  + count(*) FILTER (WHERE d2.assign_by BETWEEN '@FROM@' AND '@TO@'
                     AND (assigned IS NOT NULL OR d2.assign_by < '@ASOF@')) AS due,
    count(*) FILTER (WHERE decided IS NULL AND d1.decide_by < '@ASOF@')
  + count(*) FILTER (WHERE decided IS NOT NULL AND assigned IS NULL
                     AND d2.assign_by < '@ASOF@') AS overdue
  FROM aid_case a
  LEFT JOIN aid_due d1 ON d1.start = a.accepted
  LEFT JOIN aid_due d2 ON d2.start = a.decided
  WHERE a.voided = 0 AND a.org >= '@LO@' AND a.org < '@HI@'),
cleanup AS MATERIALIZED (
  SELECT count(*) AS total,
         count(*) FILTER (WHERE i.outcome IN ('abolish', 'expire')) AS abolished,
         count(*) FILTER (WHERE i.outcome = 'amend') AS amended,
         count(*) FILTER (WHERE i.outcome = 'continue') AS continued
  FROM cleanup_item i JOIN cleanup_campaign c ON c.id = i.campaign
  WHERE i.voided = 0 AND c.voided = 0 AND c.org >= '@LO@' AND c.org < '@HI@'
    AND c.completed BETWEEN '@FROM@' AND '@TO@'),
site AS MATERIALIZED (
  SELECT DISTINCT org FROM culture_site
  WHERE voided = 0 AND org >= '@LO@' AND org < '@HI@' AND (built IS NULL OR built <= '@TO@')),
units AS MATERIALIZED (
  SELECT count(*) FILTER (WHERE u.kind = 'township') AS townships,
         count(*) FILTER (WHERE u.kind = 'township' AND s.org IS NOT NULL) AS townships_covered,
         count(*) FILTER (WHERE u.kind = 'village') AS villages,
         count(*) FILTER (WHERE u.kind = 'village' AND s.org IS NOT NULL) AS villages_covered
  FROM org_unit u LEFT JOIN site s ON s.org = u.code
  WHERE u.code >= '@LO@' AND u.code < '@HI@'),
gaps AS MATERIALIZED (
  SELECT count(DISTINCT v.parent) AS n FROM org_unit v LEFT JOIN site s ON s.org = v.code
  WHERE v.kind = 'village' AND s.org IS NULL AND v.code >= '@LO@' AND v.code < '@HI@'),
enf AS MATERIALIZED (
  SELECT coalesce(sum(units), 0) AS units FROM enf_event WHERE voided = 0
    AND org >= '@LO@' AND org < '@HI@' AND date BETWEEN '@FROM@' AND '@TO@' AND kind = 'observation'),
ex AS MATERIALIZED (
  SELECT count(*) AS n FROM exam
  WHERE voided = 0 AND org >= '@LO@' AND org < '@HI@' AND date BETWEEN '@FROM@' AND '@TO@'),
lit AS MATERIALIZED (
  SELECT count(*) AS n, coalesce(sum(trainees), 0) AS trained FROM literate_class
  WHERE voided = 0 AND org >= '@LO@' AND org < '@HI@' AND date BETWEEN '@FROM@' AND '@TO@'),
litg AS MATERIALIZED (
  SELECT count(*) AS n,
         count(*) FILTER (WHERE hearing = 1) AS heard,
         count(*) FILTER (WHERE hearing = 1 AND head_appeared = 1) AS head,
         count(*) FILTER (WHERE outcome = 'withdrawn') AS withdrawn
  FROM litigation WHERE voided = 0 AND org >= '@LO@' AND org < '@HI@'
    AND filed BETWEEN '@FROM@' AND '@TO@'),
media AS MATERIALIZED (
  SELECT count(*) FILTER (WHERE series = '法治在线10分钟') AS fz_rec,
         count(*) FILTER (WHERE series = '法治在线10分钟' AND aired IS NOT NULL AND aired <= '@TO@') AS fz_air,
         count(*) FILTER (WHERE series = '谚语说法') AS yy_rec,
         count(*) FILTER (WHERE series = '谚语说法' AND aired IS NOT NULL AND aired <= '@TO@') AS yy_air,
         coalesce(sum(views) FILTER (WHERE series = '谚语说法'), 0) AS yy_views
  FROM media_episode WHERE voided = 0 AND org >= '@LO@' AND org < '@HI@'
    AND recorded BETWEEN '@FROM@' AND '@TO@'),
nd AS MATERIALIZED (
  SELECT count(*) FILTER (WHERE kind = 'general') AS general,
         count(*) FILTER (WHERE kind = 'normative') AS normative
  FROM normdoc_review WHERE voided = 0 AND org >= '@LO@' AND org < '@HI@'
    AND reviewed BETWEEN '@FROM@' AND '@TO@'),
off AS MATERIALIZED (
  SELECT count(*) AS active,
         count(*) FILTER (WHERE EXISTS (SELECT 1 FROM training_attendance a
           JOIN training t ON t.id = a.training WHERE a.officer = o.id AND a.voided = 0
           AND t.voided = 0 AND t.date BETWEEN '@FROM@' AND '@TO@')) AS trained
  FROM officer o WHERE o.voided = 0 AND o.org >= '@LO@' AND o.org < '@HI@' AND o.status = 'active'),
rec AS MATERIALIZED (
  SELECT count(*) FILTER (WHERE received BETWEEN '@FROM@' AND '@TO@') AS received,
         count(*) FILTER (WHERE received BETWEEN '@FROM@' AND '@TO@' AND acceptance = 'accepted') AS accepted,
         count(*) FILTER (WHERE received BETWEEN '@PFROM@' AND '@PTO@' AND acceptance = 'accepted') AS accepted_prev,
         count(*) FILTER (WHERE received BETWEEN '@FROM@' AND '@TO@' AND acceptance = 'pending') AS pending,
         count(*) FILTER (WHERE received BETWEEN '@FROM@' AND '@TO@' AND acceptance = 'referred') AS referred,
         count(*) FILTER (WHERE received BETWEEN '@FROM@' AND '@TO@' AND acceptance = 'rejected') AS rejected,
         count(*) FILTER (WHERE received BETWEEN '@FROM@' AND '@TO@'
                          AND (closed IS NULL OR closed > '@TO@')) AS open
  FROM reconsideration WHERE voided = 0 AND org >= '@LO@' AND org < '@HI@'),
tk AS MATERIALIZED (
  SELECT count(*) AS total, count(*) FILTER (WHERE status = 'done') AS done,
         count(*) FILTER (WHERE status <> 'done' AND due < '@ASOF@') AS overdue
  FROM task WHERE voided = 0 AND org >= '@LO@' AND org < '@HI@' AND due BETWEEN '@FROM@' AND '@TO@'),
guard AS MATERIALIZED (
  SELECT (SELECT count(*) FROM reconsideration) + (SELECT count(*) FROM cleanup_campaign)
       + (SELECT count(*) FROM decision) + (SELECT count(*) FROM normdoc_review)
       + (SELECT count(*) FROM enf_case) + (SELECT count(*) FROM officer)
       + (SELECT count(*) FROM task) AS n)
SELECT 'aid.accepted', n, 0 FROM aid
UNION ALL SELECT 'aid.closed', closed, 0 FROM aid
UNION ALL SELECT 'aid.consultations', people, 0 FROM cons
UNION ALL SELECT 'aid.documents', docs, 0 FROM docs
UNION ALL SELECT 'aid.recovered', recovered, 0 FROM aid
UNION ALL SELECT 'cleanup.abolished', abolished, 0 FROM cleanup
UNION ALL SELECT 'cleanup.amended', amended, 0 FROM cleanup
UNION ALL SELECT 'cleanup.continued', continued, 0 FROM cleanup
UNION ALL SELECT 'cleanup.total', total, 0 FROM cleanup
UNION ALL SELECT 'culture.township_rate', townships_covered, townships FROM units
UNION ALL SELECT 'culture.townships', townships, 0 FROM units
UNION ALL SELECT 'culture.townships_covered', townships_covered, 0 FROM units
UNION ALL SELECT 'culture.village_gaps', n, 0 FROM gaps
UNION ALL SELECT 'culture.village_rate', villages_covered, villages FROM units
UNION ALL SELECT 'culture.villages', villages, 0 FROM units
UNION ALL SELECT 'culture.villages_covered', villages_covered, 0 FROM units
UNION ALL SELECT 'deadline.ontime_rate', met, due FROM aid_dl
UNION ALL SELECT 'deadline.overdue', overdue, 0 FROM aid_dl
UNION ALL SELECT 'enf_event.observation.units', units, 0 FROM enf
UNION ALL SELECT 'exam.participants', n, 0 FROM ex
UNION ALL SELECT 'guard.other_deadline_records', n, 0 FROM guard
UNION ALL SELECT 'literate.classes', n, 0 FROM lit
UNION ALL SELECT 'literate.trained', trained, 0 FROM lit
UNION ALL SELECT 'litigation.cases', n, 0 FROM litg
UNION ALL SELECT 'litigation.head_appeared', head, 0 FROM litg
UNION ALL SELECT 'litigation.head_rate', head, heard FROM litg
UNION ALL SELECT 'litigation.heard', heard, 0 FROM litg
UNION ALL SELECT 'litigation.withdrawn', withdrawn, 0 FROM litg
UNION ALL SELECT 'litigation.withdrawn.all', n, n - withdrawn FROM litg
UNION ALL SELECT 'media.fzzx.aired', fz_air, 0 FROM media
UNION ALL SELECT 'media.fzzx.recorded', fz_rec, 0 FROM media
UNION ALL SELECT 'media.yysf.aired', yy_air, 0 FROM media
UNION ALL SELECT 'media.yysf.recorded', yy_rec, 0 FROM media
UNION ALL SELECT 'media.yysf.views', yy_views, 0 FROM media
UNION ALL SELECT 'mediation.accepted', n, 0 FROM disp
UNION ALL SELECT 'mediation.rate', resolved, n FROM disp
UNION ALL SELECT 'mediation.resolved', resolved, 0 FROM disp
UNION ALL SELECT 'normdoc.reviewed.general', general, 0 FROM nd
UNION ALL SELECT 'normdoc.reviewed.normative', normative, 0 FROM nd
UNION ALL SELECT 'officer.active', active, 0 FROM off
UNION ALL SELECT 'publicity.activities', n, 0 FROM act
UNION ALL SELECT 'publicity.audience', audience, 0 FROM act
UNION ALL SELECT 'recon.accepted', accepted, 0 FROM rec
UNION ALL SELECT 'recon.accepted.yoy', accepted, accepted_prev FROM rec
UNION ALL SELECT 'recon.all_closed', received, open FROM rec
UNION ALL SELECT 'recon.ontime_rate', 0, 0 FROM guard
UNION ALL SELECT 'recon.overdue', 0, 0 FROM guard
UNION ALL SELECT 'recon.pending', pending, 0 FROM rec
UNION ALL SELECT 'recon.received', received, 0 FROM rec
UNION ALL SELECT 'recon.referred', referred, 0 FROM rec
UNION ALL SELECT 'recon.rejected', rejected, 0 FROM rec
UNION ALL SELECT 'screening.times', times, 0 FROM scr
UNION ALL SELECT 'task.completion_rate', done, total FROM tk
UNION ALL SELECT 'task.done', done, 0 FROM tk
UNION ALL SELECT 'task.overdue', overdue, 0 FROM tk
UNION ALL SELECT 'task.total', total, 0 FROM tk
UNION ALL SELECT 'training.coverage', trained, active FROM off
UNION ALL SELECT 'training.covered', trained, 0 FROM off;
