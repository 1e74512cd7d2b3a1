"""Documents written for people: contracts and calendars."""
