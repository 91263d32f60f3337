// Fictional Dutch names and places for the demo dataset.
export const FIRST_NAMES = [
  "Sanne", "Daan", "Lotte", "Ruben", "Emma", "Noah", "Julia", "Sem", "Tess", "Lucas", "Fleur", "Milan",
  "Isa", "Levi", "Sara", "Finn", "Anna", "Thijs", "Roos", "Jesse", "Eva", "Bram", "Lieke", "Stijn",
  "Nina", "Jens", "Femke", "Luuk", "Maud", "Gijs", "Iris", "Teun", "Vera", "Koen", "Sophie", "Mees",
];
export const LAST_NAMES = [
  "Jansen", "de Vries", "van den Berg", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder",
  "de Groot", "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker", "Brouwer", "de Wit",
  "Dijkstra", "Smits", "de Graaf", "van der Meer", "Kok", "Jacobs", "Vermeulen", "van Dijk",
];
export const PLACES = ["Amersfoort", "Zwolle", "Deventer", "Apeldoorn", "Hoorn", "Alkmaar", "Assen", "Emmen"];
export const STREETS = ["Lindelaan", "Beukenstraat", "Dorpsweg", "Molenpad", "Kerkstraat", "Stationsweg", "Vijverhof"];
