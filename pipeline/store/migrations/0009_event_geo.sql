-- Where each event is (events[].country/admin1/admin2/geo_precision/lat/lon/geo_place/geo_rule; from the
-- containment of its places, pipeline/extract/places/geo.py). From this version on `country`, `admin1`, `lat`
-- and `lon` hold the event's location (before: the fields of its most specific place, `place_name`, which may
-- have had none); rows written before keep their old values and have the new columns NULL until re-extracted.
ALTER TABLE events ADD COLUMN admin2 VARCHAR;
ALTER TABLE events ADD COLUMN geo_precision INTEGER;          -- 1 town/village, 2 near a town or a district, 3 region or larger
ALTER TABLE events ADD COLUMN geo_rule VARCHAR;               -- own-place | containing-place | dateline | article-country
ALTER TABLE events ADD COLUMN geo_place_name VARCHAR;         -- the place the point (else the country) comes from
ALTER TABLE events ADD COLUMN geo_place_geonameid BIGINT;
ALTER TABLE events ADD COLUMN geo_place_start_char INTEGER;
ALTER TABLE events ADD COLUMN geo_place_end_char INTEGER;
ALTER TABLE events ADD COLUMN geo_coords VARCHAR;             -- where lat/lon come from (places.coords)
-- places: where a place's lat/lon come from: geonames | capital | centroid | namesake | curated; NULL: none
ALTER TABLE places ADD COLUMN coords VARCHAR;
-- place references that are not toponyms (Extraction.references): demonyms ("the Ruritanian border", kind
-- 'demonym') and places inside organisation names (kind 'embedded'), each resolved to the place it names, so
-- SQL can choose to count them with the toponyms (UNION with places) or not; never linked to events
CREATE TABLE place_references (
    claim_id        VARCHAR PRIMARY KEY,
    article_sha256  VARCHAR NOT NULL,
    run_id          VARCHAR NOT NULL,
    kind            VARCHAR NOT NULL,      -- demonym | embedded
    name            VARCHAR NOT NULL,      -- the place it names
    geonameid       BIGINT,
    country         VARCHAR,
    admin1          VARCHAR,
    lat             DOUBLE,
    lon             DOUBLE,
    coords          VARCHAR,
    feature         VARCHAR,
    relation        VARCHAR,
    rule            VARCHAR,
    start_char      INTEGER NOT NULL,
    end_char        INTEGER NOT NULL,
    span_text       VARCHAR NOT NULL
);
