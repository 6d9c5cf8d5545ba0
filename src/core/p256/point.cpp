#include "point.h"

namespace cfsigner::p256 {

void addMixed(JacobianPoint& out, const JacobianPoint& a, uint32_t aIsInfinity,
              const AffinePoint& b, uint32_t bIsInfinity) {
  // Mixed Jacobian-affine addition as in Hankerson, Menezes and Vanstone's "Guide to
  // Elliptic Curve Cryptography" (algorithm 3.22): 8M + 3S, the same number of
  // multiplications as 7M + 4S here (a square is a multiplication), and 7 additions
  // and subtractions instead of 15.
  FieldElement t1, t2, t3, t4;
  JacobianPoint sum;
  square(t1, a.z);           // Z1^2
  mul(t2, t1, a.z);          // Z1^3
  mul(t1, t1, b.x);          // A = X2 Z1^2
  mul(t2, t2, b.y);          // B = Y2 Z1^3
  sub(t1, t1, a.x);          // C = A - X1
  sub(t2, t2, a.y);          // D = B - Y1
  mul(sum.z, a.z, t1);       // Z3 = Z1 C
  square(t3, t1);            // C^2
  mul(t4, t3, t1);           // C^3
  mul(t3, t3, a.x);          // X1 C^2
  add(t1, t3, t3);           // 2 X1 C^2
  square(sum.x, t2);
  sub(sum.x, sum.x, t1);
  sub(sum.x, sum.x, t4);     // X3 = D^2 - 2 X1 C^2 - C^3
  sub(t3, t3, sum.x);
  mul(t3, t3, t2);           // D (X1 C^2 - X3)
  mul(t4, t4, a.y);          // Y1 C^3
  sub(sum.y, t3, t4);        // Y3 = D (X1 C^2 - X3) - Y1 C^3

  // a at infinity: the sum is b (with Z = 1); b at infinity: the sum is a.
  const FieldElement one = fieldOne();
  select(sum.x, aIsInfinity, b.x, sum.x);
  select(sum.y, aIsInfinity, b.y, sum.y);
  select(sum.z, aIsInfinity, one, sum.z);
  select(out.x, bIsInfinity, a.x, sum.x);
  select(out.y, bIsInfinity, a.y, sum.y);
  select(out.z, bIsInfinity, a.z, sum.z);
}

void doublePoint(JacobianPoint& out, const JacobianPoint& a) {
  FieldElement delta, gamma, beta, alpha, t, u;
  square(delta, a.z);        // delta = Z1^2
  square(gamma, a.y);        // gamma = Y1^2
  mul(beta, a.x, gamma);     // beta = X1 * gamma
  sub(t, a.x, delta);
  add(u, a.x, delta);
  mul(alpha, t, u);
  add(t, alpha, alpha);
  add(alpha, alpha, t);      // alpha = 3 (X1 - delta)(X1 + delta)
  add(t, a.y, a.z);
  square(t, t);
  sub(t, t, gamma);
  sub(out.z, t, delta);      // Z3 = (Y1 + Z1)^2 - gamma - delta
  add(u, beta, beta);
  add(u, u, u);              // 4 beta
  square(out.x, alpha);
  sub(out.x, out.x, u);
  sub(out.x, out.x, u);      // X3 = alpha^2 - 8 beta
  sub(t, u, out.x);
  mul(t, alpha, t);
  square(gamma, gamma);
  add(gamma, gamma, gamma);
  add(gamma, gamma, gamma);
  add(gamma, gamma, gamma);  // 8 gamma^2
  sub(out.y, t, gamma);      // Y3 = alpha (4 beta - X3) - 8 gamma^2
}

}  // namespace cfsigner::p256
