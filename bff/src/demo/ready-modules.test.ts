// The ready-made questionnaires say how many questions or steps they hold: the words must match the content.
import { describe, expect, it } from "vitest";
import { READY_MODULES } from "./ready-modules";

const NUMBERS = ["een", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien"];

describe("ready-made questionnaires and modules", () => {
  for (const m of READY_MODULES) {
    it(`"${m.title}" counts its questions and steps right`, () => {
      const questions = m.definition.pages.reduce((n, p) => n + p.questions.length, 0);
      const said = /\b(\w+) (?:korte )?(vragen|stappen)\b/i.exec(m.description ?? "");
      if (!said?.[1] || !NUMBERS.includes(said[1].toLowerCase())) return;
      const n = NUMBERS.indexOf(said[1].toLowerCase()) + 1;
      expect(n, m.description).toBe(said[2] === "vragen" ? questions : m.definition.pages.length);
    });
  }
});
