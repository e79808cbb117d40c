-- The organisation whose ledger this is (单位信息): its name heads the bulletin, the big screen, the
-- public page and the sign-in page, and the area word names the overall rank ("全县排名", "全市排名",
-- "全系统排名"; in English "Rank in the county"). One row, kept by the office; empty names until it sets them.
CREATE TABLE organisation (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  name_zh TEXT NOT NULL DEFAULT '' CHECK (length(name_zh) <= 60),
  name_en TEXT NOT NULL DEFAULT '' CHECK (length(name_en) <= 120),
  area_zh TEXT NOT NULL DEFAULT '县' CHECK (length(area_zh) BETWEEN 1 AND 4),
  area_en TEXT NOT NULL DEFAULT 'county' CHECK (length(area_en) BETWEEN 1 AND 30)
);
INSERT INTO organisation (id) VALUES (1);
