/** Exercises of notebook 00 (start here): one warm-up to show how checks work. */
import { allowedDowntime } from "../../availability";
import { numberAnswer, type Exercise } from "../check";

export const exercises: readonly Exercise[] = [
  {
    id: "00.1",
    title: "minutes of downtime 99.9% allows in a 30-day month",
    kind: "compute",
    grade: numberAnswer(allowedDowntime({ target: 0.999, period: "month" }).minutes, {
      relativeTolerance: 0.001,
      mistakes: [
        { value: 43.8, hint: "43.8 min uses the 730-hour cloud-billing month; the SRE book's month is 30 days (720 h)" },
        { value: 0.72, hint: "0.72 is in hours; the question asks for minutes" },
        { value: 43, hint: "43 is the course's rounding; give the exact value (30 × 24 × 60 × 0.001)" },
        { value: 4.32, hint: "4.32 min is 99.99% (four nines); the question is about 99.9%" },
      ],
    }),
  },
];
