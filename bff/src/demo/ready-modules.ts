// The ready-made questionnaires and modules every organization starts with; staff can assign them as
// they are or build their own. Written for this portal (no third-party content).
import type { QuestionnaireInput } from "@portaal/shared/modules";

export const READY_MODULES: QuestionnaireInput[] = [
  {
    kind: "vragenlijst",
    title: "Hoe gaat het nu?",
    description: "Vier korte vragen over de afgelopen week, ter voorbereiding op het volgende gesprek.",
    definition: {
      pages: [
        {
          id: "week",
          title: "De afgelopen week",
          text: "Er zijn geen goede of foute antwoorden. Uw antwoorden worden bewaard terwijl u invult; u kunt later verder gaan.",
          questions: [
            {
              id: "tevreden",
              type: "schaal",
              label: "Hoe tevreden bent u over de afgelopen week? (0 = helemaal niet, 10 = heel erg)",
              required: true,
            },
            {
              id: "slaap",
              type: "keuze",
              label: "Hoe sliep u de afgelopen week?",
              required: true,
              options: ["Goed", "Wisselend", "Slecht"],
            },
            {
              id: "onderwerpen",
              type: "meerkeuze",
              label: "Waar wilt u het in het volgende gesprek over hebben?",
              required: false,
              options: ["Wonen", "School of werk", "Vrije tijd", "Gezondheid", "Contact met anderen"],
            },
            { id: "opmerking", type: "lang", label: "Wilt u nog iets kwijt?", required: false },
          ],
        },
      ],
    },
  },
  {
    kind: "module",
    title: "Omgaan met spanning",
    description: "Een korte module in drie stappen: wat geeft spanning, hoe merkt u het, en wat gaat u proberen.",
    definition: {
      pages: [
        {
          id: "stap-1",
          title: "Stap 1: wat geeft spanning?",
          text: "Iedereen heeft weleens spanning. Het helpt om te weten waar die vandaan komt. Denk aan de afgelopen twee weken.",
          questions: [
            { id: "bron", type: "kort", label: "Wat geeft u op dit moment de meeste spanning?", required: true },
            { id: "hoeveel", type: "schaal", label: "Hoeveel spanning ervaart u nu? (0 = geen, 10 = heel veel)", required: true },
          ],
        },
        {
          id: "stap-2",
          title: "Stap 2: hoe merkt u het?",
          text: "Spanning laat zich zien in uw lichaam, uw gedachten en wat u doet. Wie de signalen herkent, kan eerder iets doen.",
          questions: [
            {
              id: "signalen",
              type: "meerkeuze",
              label: "Welke signalen herkent u bij uzelf?",
              required: true,
              options: ["Slecht slapen", "Hoofdpijn of buikpijn", "Snel boos", "Piekeren", "Mensen ontlopen"],
            },
            { id: "sinds", type: "datum", label: "Sinds wanneer merkt u dit ongeveer?", required: false },
          ],
        },
        {
          id: "stap-3",
          title: "Stap 3: wat gaat u proberen?",
          text: "Kies iets kleins dat u deze week kunt doen, zoals elke dag een korte wandeling of op een vast tijdstip naar bed.",
          questions: [
            { id: "plan", type: "lang", label: "Wat gaat u deze week proberen?", required: true },
            {
              id: "hulp",
              type: "keuze",
              label: "Wilt u dat uw begeleider hierbij helpt?",
              required: false,
              options: ["Ja", "Nee", "Weet ik nog niet"],
            },
          ],
        },
      ],
    },
  },
  {
    kind: "vragenlijst",
    title: "Tevredenheid over de zorg",
    description: "Wat vindt u van de zorg en begeleiding? Uw antwoorden helpen ons beter te worden.",
    definition: {
      pages: [
        {
          id: "zorg",
          title: "De zorg en begeleiding",
          text: "",
          questions: [
            { id: "cijfer", type: "schaal", label: "Welk cijfer geeft u de zorg en begeleiding?", required: true },
            { id: "gehoord", type: "keuze", label: "Voelt u zich gehoord?", required: true, options: ["Ja", "Soms", "Nee"] },
            { id: "beter", type: "lang", label: "Wat kan beter?", required: false },
          ],
        },
      ],
    },
  },
];
