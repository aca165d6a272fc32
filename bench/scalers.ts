/** Registers each system's section scaler for the program-cost benchmark. */
export {};
