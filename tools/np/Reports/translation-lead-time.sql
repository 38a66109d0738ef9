-- Per language: how long a translation took from the moment its group opened (the source was published) to its first
-- approval (lead time, for approvals in the range), and how long translations stayed stale after a revision of their
-- source marked them so, until approved again (stale spells starting in the range; one still stale counts up to report_to).
-- services: localization
-- chart: bar x=language y=median_lead_hours
--
-- In your own DuckDB session:
--   create view localization as select * from read_parquet('localization.parquet');
--   set variable report_from = timestamptz '2026-11-01 00:00:00+04';
--   set variable report_to = timestamptz '2026-12-01 00:00:00+04';
with opened as (
    select json_extract_string("data", '$.articleId') as article,
           unnest(from_json(json_extract("data", '$.targets'), '["VARCHAR"]')) as language,
           "at" as opened_at
    from localization
    where "type" = 'translation_group_opened'
), approved as (
    select json_extract_string("data", '$.articleId') as article,
           json_extract_string("data", '$.lang') as language,
           "at" as approved_at
    from localization
    where "type" = 'translation_approved'
), first_approval as (
    select o.article, o.language, o.opened_at, min(a.approved_at) as approved_at
    from opened o
    join approved a on a.article = o.article and a.language = o.language and a.approved_at >= o.opened_at
    group by all
), stale as (
    select json_extract_string("data", '$.articleId') as article,
           unnest(from_json(json_extract("data", '$.targets'), '["VARCHAR"]')) as language,
           "at" as stale_from
    from localization
    where "type" = 'source_revised' and json_extract("data", '$.marksStale')::boolean
), stale_spells as (
    select s.language, s.stale_from,
           (select min(a.approved_at) from approved a
            where a.article = s.article and a.language = s.language and a.approved_at > s.stale_from) as fresh_again
    from stale s
    where s.stale_from >= getvariable('report_from') and s.stale_from < getvariable('report_to')
), lead_by_language as (
    select language,
           count(*) as translated,
           round(median(epoch(approved_at - opened_at) / 3600.0), 2) as median_lead_hours,
           round(max(epoch(approved_at - opened_at) / 3600.0), 2) as max_lead_hours
    from first_approval
    where approved_at >= getvariable('report_from') and approved_at < getvariable('report_to')
    group by all
), stale_by_language as (
    select language,
           count(*) as stale_spells,
           count(*) filter (where fresh_again is null) as still_stale,
           round(median(epoch(coalesce(fresh_again, getvariable('report_to')) - stale_from) / 3600.0), 2) as median_stale_hours,
           round(max(epoch(coalesce(fresh_again, getvariable('report_to')) - stale_from) / 3600.0), 2) as max_stale_hours
    from stale_spells
    group by all
)
select coalesce(l.language, s.language) as language,
       coalesce(l.translated, 0) as translated,
       l.median_lead_hours,
       l.max_lead_hours,
       coalesce(s.stale_spells, 0) as stale_spells,
       coalesce(s.still_stale, 0) as still_stale,
       s.median_stale_hours,
       s.max_stale_hours
from lead_by_language l
full join stale_by_language s on s.language = l.language
order by language;
