/** The loss became NaN or infinite (thrown by both training loops, the TF.js one and the fused one). */
export class TrainingDivergedError extends Error {
  readonly code = 'training_diverged';
  constructor(epoch: number) {
    super(
      `Training diverged at epoch ${epoch} (the loss became NaN or infinite) and was stopped. Lower the learning rate (e.g. divide it by 10), and scale the features (Standardize under Prepare); then train again.`,
    );
    this.name = 'TrainingDivergedError';
  }
}
