namespace AsyncioGen.Generator.Pipeline;

/// <summary>Names of the pipeline steps, for incrementality tests (<c>WithTrackingName</c>).</summary>
internal static class TrackingNames
{
    /// <summary>One <c>FutureMethodResult</c> per accepted [Future] method.</summary>
    public const string Methods = "FutureMethods";

    /// <summary>Every method, collected.</summary>
    public const string AllMethods = "AllFutureMethods";

    /// <summary>One <c>FutureTypeModel</c> per type: the input of one file.</summary>
    public const string Types = "FutureTypes";
}
