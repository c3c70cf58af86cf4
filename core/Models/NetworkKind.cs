namespace Reproduce.Core.Models;

/// <summary>The architectures of the paper (METHOD.md §7). <see cref="Architecture"/> pairs one with its sizes.</summary>
public enum NetworkKind
{
    /// <summary>ReLU multi-layer perceptron, <see cref="Models.Mlp"/>.</summary>
    Mlp,
    /// <summary>LeNet-like convolutional net, <see cref="Models.LeNet"/>.</summary>
    LeNet,
    /// <summary>VGG16 with batch norm, CIFAR variant, <see cref="Models.Vgg16Bn"/>.</summary>
    Vgg16Bn,
    /// <summary>Sign-activation MLP with ±1 weights, <see cref="Models.BinaryMlp"/>.</summary>
    BinaryMlp,
    /// <summary>Sign-activation conv net with ±1 weights, <see cref="Models.BinaryConvNet"/>.</summary>
    BinaryConvNet,
    /// <summary>One sign unit with ±1 weights, <see cref="Models.BinaryPerceptron"/>.</summary>
    BinaryPerceptron,
    /// <summary>K sign units summed by fixed +1 output weights, <see cref="Models.CommitteeMachine"/>.</summary>
    CommitteeMachine,
}
