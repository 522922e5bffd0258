/** The loss became NaN or infinite (thrown by both training loops, the TF.js one and the fused one). */
export class TrainingDivergedError extends Error {
  readonly code = 'training_diverged';
  constructor(epoch: number) {
    super(`Training diverged at epoch ${epoch} (the loss became NaN or infinite). Lower the learning rate and train again.`);
    this.name = 'TrainingDivergedError';
  }
}
