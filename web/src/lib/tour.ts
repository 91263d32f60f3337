// The guided tour's switch, shared by the shell (which shows the tour) and pages (which offer it).
import { createContext, useContext } from "react";

export interface TourControl {
  start(): void;
}

export const TourContext = createContext<TourControl>({ start: () => undefined });

export function useTour(): TourControl {
  return useContext(TourContext);
}
