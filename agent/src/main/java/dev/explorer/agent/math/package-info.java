/**
 * Row-major dense linear algebra on plain arrays through Smile's OpenBLAS binding, shared by the
 * reward and the concept-score model. Depends on no other package of the project.
 */
package dev.explorer.agent.math;
