-- The default scoring profile's note said "Closeout default" in English to every office; its name
-- already says what it is (shown as 默认方案 / Default), so the note goes.
UPDATE scoring_profiles SET note = NULL WHERE name = 'default' AND version = 1 AND note = 'Closeout default';
