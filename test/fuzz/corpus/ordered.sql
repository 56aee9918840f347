CREATE TABLE playlists(id INTEGER PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE songs(id INTEGER PRIMARY KEY, title TEXT COLLATE NOCASE);
CREATE TABLE entries(playlist_id INTEGER NOT NULL REFERENCES playlists(id),
                     song_id INTEGER NOT NULL REFERENCES songs(id),
                     position INTEGER, PRIMARY KEY(playlist_id, song_id));
INSERT INTO playlists VALUES (1, 'road'), (2, 'calm');
INSERT INTO songs VALUES (1, 'alpha'), (2, 'Beta'), (3, NULL);
CREATE VIRTUAL TABLE playlist_songs USING relview(playlists, songs, secondary=entries,
    order_by=(entry_position, song_title DESC), backref=song_playlists,
    backref_order_by=(playlist_name DESC, rowid));
INSERT INTO playlist_songs(playlist_id, song_id, entry_position) VALUES (1, 3, 1), (1, 1, 2), (2, 2, 1);
UPDATE playlist_songs SET entry_position = entry_position + 1 WHERE playlist_id = 1 AND entry_position >= 2;
INSERT INTO playlist_songs(playlist_id, song_id, entry_position) VALUES (1, 2, 2);
SELECT song_title, entry_position FROM playlist_songs WHERE playlist_id = 1;
SELECT * FROM song_playlists LIMIT 2 OFFSET 1;
SELECT p.name, v.song_title FROM playlists AS p CROSS JOIN playlist_songs AS v ON v.playlist_id = p.id;
SELECT song_title FROM playlist_songs ORDER BY song_title;
CREATE VIRTUAL TABLE bad1 USING relview(playlists, songs, secondary=entries, order_by=(song_title, song_title));
CREATE VIRTUAL TABLE bad2 USING relview(playlists, songs, secondary=entries, order_by=relview_key);
CREATE VIRTUAL TABLE bad3 USING relview(playlists, songs, secondary=entries, order_by=song_title COLLATE NOCASE);
SELECT options FROM pragma_relview_list;
