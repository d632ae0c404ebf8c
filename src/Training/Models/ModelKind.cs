namespace KtvRec.Training.Models;

public enum ModelKind
{
    /// <summary>Logistic regression: a bias and one weight per feature.</summary>
    Lr,
    /// <summary>Factorization machine: LR plus pairwise interactions of feature embeddings.</summary>
    Fm,
    /// <summary>DeepFM (Guo et al. 2017): an FM and a DNN over the same field embeddings.</summary>
    DeepFm,
}
