-- Event kinds (issue 16): political acts carry a subtype; every event its ACLED event type and sub-event type
-- (models/acled_mapping.json); `date_rule` is 'undated' when the text gives the event no date (date_* NULL:
-- the publication date is the article's, `articles.published`, never silently the event's).
-- `aggregate` events (a toll over a period or area) are rows of `events` like the others but never an
-- incident: `article_figures` ignores them and `incidents` leaves them out.
ALTER TABLE events ADD COLUMN subtype VARCHAR;
ALTER TABLE events ADD COLUMN acled_event_type VARCHAR;
ALTER TABLE events ADD COLUMN acled_sub_event_type VARCHAR;
