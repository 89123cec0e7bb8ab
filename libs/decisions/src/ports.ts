/** The clock and timer sink are the engine's ports (libs/engine); re-exported for callers that know them from here. */
export { CLOCK, TIMER_SINK, systemClock, type Clock, type TimerSink } from '#libs/engine';
