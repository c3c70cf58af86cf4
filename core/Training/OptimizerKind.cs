namespace Reproduce.Core.Training;

/// <summary>The update rule of a training run.</summary>
public enum OptimizerKind
{
    /// <summary>Stochastic gradient descent, with optional (Nesterov) momentum.</summary>
    Sgd,
    /// <summary>Adam (Kingma and Ba), as the paper uses for its binary nets.</summary>
    Adam,
}
