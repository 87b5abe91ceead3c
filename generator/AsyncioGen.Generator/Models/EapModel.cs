namespace AsyncioGen.Generator.Models;

/// <summary>The completion event of an event-based [Future] method.</summary>
/// <param name="EventName">The <c>OpCompleted</c> event.</param>
/// <param name="ArgumentsType">Its <c>AsyncCompletedEventArgs</c>-derived arguments, fully qualified.</param>
/// <param name="ResultProperty">The arguments' property that is the result; null when the arguments are (or there is no result).</param>
/// <param name="CancelMethod"><c>[Future(Cancel = ...)]</c>, or null.</param>
/// <param name="CancelTakesState">The cancel method takes the user state (the future).</param>
internal sealed record EapModel(string EventName, string ArgumentsType, string? ResultProperty, string? CancelMethod, bool CancelTakesState);
