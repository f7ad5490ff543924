declare module 'virtual:dl-decks' {
  const decks: import('./decks.ts').DeckEntry[];
  export default decks;
}
