//go:build !purego

#include "textflag.h"

// AVX2+FMA kernels for expSlice and logSlice: four float64 lanes at a time, no tables (a gather
// costs more than the few extra polynomial terms), accurate to a few ulp. Each returns how many
// leading elements it replaced; it stops at the first group of four holding an argument it does
// not take (|x| ≥ 700 or NaN for exp; zero, subnormal, negative, Inf or NaN for log), which the
// Go side then does one element at a time.

// func expAVX2(x *float64, n int) int
TEXT ·expAVX2(SB), NOSPLIT, $0-24
	MOVQ x+0(FP), SI
	MOVQ n+8(FP), CX
	XORQ AX, AX
	VMOVUPD expK<>+0(SB), Y8    // log2(e)
	VMOVUPD expK<>+32(SB), Y9   // 1.5·2^52
	VMOVUPD expK<>+64(SB), Y10  // ln2 high
	VMOVUPD expK<>+96(SB), Y11  // ln2 low
	VMOVUPD expK<>+128(SB), Y12 // |x| mask
	VMOVUPD expK<>+160(SB), Y13 // 700
	VMOVUPD expK<>+192(SB), Y14 // 1023<<52
	VMOVUPD expK<>+224(SB), Y15 // 1

expLoop:
	CMPQ AX, CX
	JGE  expDone
	VMOVUPD (SI)(AX*8), Y0
	VANDPD  Y12, Y0, Y1
	VCMPPD  $0x11, Y13, Y1, Y1 // |x| < 700, ordered: false for NaN
	VMOVMSKPD Y1, DX
	CMPQ DX, $15
	JNE  expDone

	// e^x = 2^k · e^r, k = round(x·log2 e), r = x − k·ln2 in [−ln2/2, ln2/2]. Adding 1.5·2^52
	// rounds x·log2 e to an integer and leaves k in the low bits of the sum.
	VMOVAPD Y0, Y2
	VFMADD213PD Y9, Y8, Y2 // t = x·log2e + 1.5·2^52
	VSUBPD Y9, Y2, Y3      // k as a float64
	VMOVAPD Y0, Y4
	VFNMADD231PD Y10, Y3, Y4 // r = x − k·ln2hi
	VFNMADD231PD Y11, Y3, Y4 // r −= k·ln2lo

	// e^r to r^11 (Taylor): the remainder r^12/12! is below 7e-15 at |r| = ln2/2.
	VMOVUPD expK<>+256(SB), Y5
	VFMADD213PD expK<>+288(SB), Y4, Y5
	VFMADD213PD expK<>+320(SB), Y4, Y5
	VFMADD213PD expK<>+352(SB), Y4, Y5
	VFMADD213PD expK<>+384(SB), Y4, Y5
	VFMADD213PD expK<>+416(SB), Y4, Y5
	VFMADD213PD expK<>+448(SB), Y4, Y5
	VFMADD213PD expK<>+480(SB), Y4, Y5
	VFMADD213PD expK<>+512(SB), Y4, Y5
	VFMADD213PD expK<>+544(SB), Y4, Y5
	VFMADD213PD Y15, Y4, Y5
	VFMADD213PD Y15, Y4, Y5

	// 2^k from k's low 12 bits: (k + 1023) << 52, |k| ≤ 1010.
	VPSLLQ $52, Y2, Y2
	VPADDQ Y14, Y2, Y2
	VMULPD Y2, Y5, Y5
	VMOVUPD Y5, (SI)(AX*8)
	ADDQ $4, AX
	JMP  expLoop

expDone:
	VZEROUPPER
	MOVQ AX, ret+16(FP)
	RET

// func logAVX2(x *float64, n int) int
TEXT ·logAVX2(SB), NOSPLIT, $0-24
	MOVQ x+0(FP), SI
	MOVQ n+8(FP), CX
	XORQ AX, AX
	VMOVDQU logK<>+0(SB), Y8    // largest subnormal
	VMOVDQU logK<>+32(SB), Y9   // +Inf
	VMOVDQU logK<>+64(SB), Y10  // sqrt(0.5)
	VMOVDQU logK<>+96(SB), Y11  // 1024<<52
	VMOVDQU logK<>+128(SB), Y12 // 2^52
	VMOVUPD logK<>+160(SB), Y13 // 2^52 + 1024
	VMOVUPD logK<>+192(SB), Y14 // 1
	VMOVUPD logK<>+224(SB), Y15 // 2

logLoop:
	CMPQ AX, CX
	JGE  logDone
	VMOVDQU (SI)(AX*8), Y0
	// Positive normal finite numbers are exactly the bit patterns strictly between the largest
	// subnormal and +Inf when read as signed integers (negative numbers read negative).
	VPCMPGTQ Y8, Y0, Y1
	VPCMPGTQ Y0, Y9, Y2
	VPAND Y2, Y1, Y1
	VMOVMSKPD Y1, DX
	CMPQ DX, $15
	JNE  logDone

	// x = 2^k · m with m in [sqrt(0.5), sqrt(2)): k is the exponent of x/sqrt(0.5), taken from
	// the bits; the 1024<<52 offset keeps the difference unsigned for the logical shift
	// (AVX2 has no 64-bit arithmetic shift).
	VPSUBQ Y10, Y0, Y1
	VPADDQ Y11, Y1, Y1
	VPSRLQ $52, Y1, Y1  // k + 1024
	VPSLLQ $52, Y1, Y2
	VPSUBQ Y2, Y0, Y0
	VPADDQ Y11, Y0, Y0  // m
	VPOR   Y12, Y1, Y1  // 2^52 + k + 1024, exactly, as a float64
	VSUBPD Y13, Y1, Y1  // k

	// ln m = 2·atanh(s), s = (m−1)/(m+1) = f/(2+f), |s| ≤ 0.1716: 2s·(1 + s²/3 + … + s^16/17),
	// the first term left out below 1e-15 relative.
	VSUBPD Y14, Y0, Y2 // f = m − 1, exact
	VADDPD Y15, Y2, Y3
	VDIVPD Y3, Y2, Y2  // s
	VMULPD Y2, Y2, Y3  // z = s²
	VMOVUPD logK<>+512(SB), Y4
	VFMADD213PD logK<>+288(SB), Y3, Y4
	VFMADD213PD logK<>+320(SB), Y3, Y4
	VFMADD213PD logK<>+352(SB), Y3, Y4
	VFMADD213PD logK<>+384(SB), Y3, Y4
	VFMADD213PD logK<>+416(SB), Y3, Y4
	VFMADD213PD logK<>+448(SB), Y3, Y4
	VFMADD213PD logK<>+480(SB), Y3, Y4
	VMULPD Y3, Y4, Y4      // z/3 + … + z^8/17
	VADDPD Y2, Y2, Y2      // 2s
	VFMADD213PD Y2, Y2, Y4 // 2s + 2s·(z/3 + …)
	VFMADD231PD logK<>+256(SB), Y1, Y4 // + k·ln2
	VMOVUPD Y4, (SI)(AX*8)
	ADDQ $4, AX
	JMP  logLoop

logDone:
	VZEROUPPER
	MOVQ AX, ret+16(FP)
	RET

DATA expK<>+0x000(SB)/8, $0x3ff71547652b82fe  // log2(e)
DATA expK<>+0x008(SB)/8, $0x3ff71547652b82fe
DATA expK<>+0x010(SB)/8, $0x3ff71547652b82fe
DATA expK<>+0x018(SB)/8, $0x3ff71547652b82fe
DATA expK<>+0x020(SB)/8, $0x4338000000000000  // 1.5·2^52: adding it rounds to an integer
DATA expK<>+0x028(SB)/8, $0x4338000000000000
DATA expK<>+0x030(SB)/8, $0x4338000000000000
DATA expK<>+0x038(SB)/8, $0x4338000000000000
DATA expK<>+0x040(SB)/8, $0x3fe62e42fee00000  // ln2, high part
DATA expK<>+0x048(SB)/8, $0x3fe62e42fee00000
DATA expK<>+0x050(SB)/8, $0x3fe62e42fee00000
DATA expK<>+0x058(SB)/8, $0x3fe62e42fee00000
DATA expK<>+0x060(SB)/8, $0x3dea39ef35793c76  // ln2, low part
DATA expK<>+0x068(SB)/8, $0x3dea39ef35793c76
DATA expK<>+0x070(SB)/8, $0x3dea39ef35793c76
DATA expK<>+0x078(SB)/8, $0x3dea39ef35793c76
DATA expK<>+0x080(SB)/8, $0x7fffffffffffffff  // |x| mask
DATA expK<>+0x088(SB)/8, $0x7fffffffffffffff
DATA expK<>+0x090(SB)/8, $0x7fffffffffffffff
DATA expK<>+0x098(SB)/8, $0x7fffffffffffffff
DATA expK<>+0x0a0(SB)/8, $0x4085e00000000000  // 700
DATA expK<>+0x0a8(SB)/8, $0x4085e00000000000
DATA expK<>+0x0b0(SB)/8, $0x4085e00000000000
DATA expK<>+0x0b8(SB)/8, $0x4085e00000000000
DATA expK<>+0x0c0(SB)/8, $0x3ff0000000000000  // exponent bias 1023<<52
DATA expK<>+0x0c8(SB)/8, $0x3ff0000000000000
DATA expK<>+0x0d0(SB)/8, $0x3ff0000000000000
DATA expK<>+0x0d8(SB)/8, $0x3ff0000000000000
DATA expK<>+0x0e0(SB)/8, $0x3ff0000000000000  // 1
DATA expK<>+0x0e8(SB)/8, $0x3ff0000000000000
DATA expK<>+0x0f0(SB)/8, $0x3ff0000000000000
DATA expK<>+0x0f8(SB)/8, $0x3ff0000000000000
DATA expK<>+0x100(SB)/8, $0x3e5ae64567f544e4  // 1/11!
DATA expK<>+0x108(SB)/8, $0x3e5ae64567f544e4
DATA expK<>+0x110(SB)/8, $0x3e5ae64567f544e4
DATA expK<>+0x118(SB)/8, $0x3e5ae64567f544e4
DATA expK<>+0x120(SB)/8, $0x3e927e4fb7789f5c  // 1/10!
DATA expK<>+0x128(SB)/8, $0x3e927e4fb7789f5c
DATA expK<>+0x130(SB)/8, $0x3e927e4fb7789f5c
DATA expK<>+0x138(SB)/8, $0x3e927e4fb7789f5c
DATA expK<>+0x140(SB)/8, $0x3ec71de3a556c734  // 1/9!
DATA expK<>+0x148(SB)/8, $0x3ec71de3a556c734
DATA expK<>+0x150(SB)/8, $0x3ec71de3a556c734
DATA expK<>+0x158(SB)/8, $0x3ec71de3a556c734
DATA expK<>+0x160(SB)/8, $0x3efa01a01a01a01a  // 1/8!
DATA expK<>+0x168(SB)/8, $0x3efa01a01a01a01a
DATA expK<>+0x170(SB)/8, $0x3efa01a01a01a01a
DATA expK<>+0x178(SB)/8, $0x3efa01a01a01a01a
DATA expK<>+0x180(SB)/8, $0x3f2a01a01a01a01a  // 1/7!
DATA expK<>+0x188(SB)/8, $0x3f2a01a01a01a01a
DATA expK<>+0x190(SB)/8, $0x3f2a01a01a01a01a
DATA expK<>+0x198(SB)/8, $0x3f2a01a01a01a01a
DATA expK<>+0x1a0(SB)/8, $0x3f56c16c16c16c17  // 1/6!
DATA expK<>+0x1a8(SB)/8, $0x3f56c16c16c16c17
DATA expK<>+0x1b0(SB)/8, $0x3f56c16c16c16c17
DATA expK<>+0x1b8(SB)/8, $0x3f56c16c16c16c17
DATA expK<>+0x1c0(SB)/8, $0x3f81111111111111  // 1/5!
DATA expK<>+0x1c8(SB)/8, $0x3f81111111111111
DATA expK<>+0x1d0(SB)/8, $0x3f81111111111111
DATA expK<>+0x1d8(SB)/8, $0x3f81111111111111
DATA expK<>+0x1e0(SB)/8, $0x3fa5555555555555  // 1/4!
DATA expK<>+0x1e8(SB)/8, $0x3fa5555555555555
DATA expK<>+0x1f0(SB)/8, $0x3fa5555555555555
DATA expK<>+0x1f8(SB)/8, $0x3fa5555555555555
DATA expK<>+0x200(SB)/8, $0x3fc5555555555555  // 1/3!
DATA expK<>+0x208(SB)/8, $0x3fc5555555555555
DATA expK<>+0x210(SB)/8, $0x3fc5555555555555
DATA expK<>+0x218(SB)/8, $0x3fc5555555555555
DATA expK<>+0x220(SB)/8, $0x3fe0000000000000  // 1/2!
DATA expK<>+0x228(SB)/8, $0x3fe0000000000000
DATA expK<>+0x230(SB)/8, $0x3fe0000000000000
DATA expK<>+0x238(SB)/8, $0x3fe0000000000000
GLOBL expK<>(SB), RODATA|NOPTR, $576

DATA logK<>+0x000(SB)/8, $0x000fffffffffffff  // largest subnormal
DATA logK<>+0x008(SB)/8, $0x000fffffffffffff
DATA logK<>+0x010(SB)/8, $0x000fffffffffffff
DATA logK<>+0x018(SB)/8, $0x000fffffffffffff
DATA logK<>+0x020(SB)/8, $0x7ff0000000000000  // +Inf
DATA logK<>+0x028(SB)/8, $0x7ff0000000000000
DATA logK<>+0x030(SB)/8, $0x7ff0000000000000
DATA logK<>+0x038(SB)/8, $0x7ff0000000000000
DATA logK<>+0x040(SB)/8, $0x3fe6a09e667f3bcd  // sqrt(0.5)
DATA logK<>+0x048(SB)/8, $0x3fe6a09e667f3bcd
DATA logK<>+0x050(SB)/8, $0x3fe6a09e667f3bcd
DATA logK<>+0x058(SB)/8, $0x3fe6a09e667f3bcd
DATA logK<>+0x060(SB)/8, $0x4000000000000000  // 1024<<52
DATA logK<>+0x068(SB)/8, $0x4000000000000000
DATA logK<>+0x070(SB)/8, $0x4000000000000000
DATA logK<>+0x078(SB)/8, $0x4000000000000000
DATA logK<>+0x080(SB)/8, $0x4330000000000000  // 2^52
DATA logK<>+0x088(SB)/8, $0x4330000000000000
DATA logK<>+0x090(SB)/8, $0x4330000000000000
DATA logK<>+0x098(SB)/8, $0x4330000000000000
DATA logK<>+0x0a0(SB)/8, $0x4330000000000400  // 2^52+1024
DATA logK<>+0x0a8(SB)/8, $0x4330000000000400
DATA logK<>+0x0b0(SB)/8, $0x4330000000000400
DATA logK<>+0x0b8(SB)/8, $0x4330000000000400
DATA logK<>+0x0c0(SB)/8, $0x3ff0000000000000  // 1
DATA logK<>+0x0c8(SB)/8, $0x3ff0000000000000
DATA logK<>+0x0d0(SB)/8, $0x3ff0000000000000
DATA logK<>+0x0d8(SB)/8, $0x3ff0000000000000
DATA logK<>+0x0e0(SB)/8, $0x4000000000000000  // 2
DATA logK<>+0x0e8(SB)/8, $0x4000000000000000
DATA logK<>+0x0f0(SB)/8, $0x4000000000000000
DATA logK<>+0x0f8(SB)/8, $0x4000000000000000
DATA logK<>+0x100(SB)/8, $0x3fe62e42fefa39ef  // ln2
DATA logK<>+0x108(SB)/8, $0x3fe62e42fefa39ef
DATA logK<>+0x110(SB)/8, $0x3fe62e42fefa39ef
DATA logK<>+0x118(SB)/8, $0x3fe62e42fefa39ef
DATA logK<>+0x120(SB)/8, $0x3fb1111111111111  // 1/15
DATA logK<>+0x128(SB)/8, $0x3fb1111111111111
DATA logK<>+0x130(SB)/8, $0x3fb1111111111111
DATA logK<>+0x138(SB)/8, $0x3fb1111111111111
DATA logK<>+0x140(SB)/8, $0x3fb3b13b13b13b14  // 1/13
DATA logK<>+0x148(SB)/8, $0x3fb3b13b13b13b14
DATA logK<>+0x150(SB)/8, $0x3fb3b13b13b13b14
DATA logK<>+0x158(SB)/8, $0x3fb3b13b13b13b14
DATA logK<>+0x160(SB)/8, $0x3fb745d1745d1746  // 1/11
DATA logK<>+0x168(SB)/8, $0x3fb745d1745d1746
DATA logK<>+0x170(SB)/8, $0x3fb745d1745d1746
DATA logK<>+0x178(SB)/8, $0x3fb745d1745d1746
DATA logK<>+0x180(SB)/8, $0x3fbc71c71c71c71c  // 1/9
DATA logK<>+0x188(SB)/8, $0x3fbc71c71c71c71c
DATA logK<>+0x190(SB)/8, $0x3fbc71c71c71c71c
DATA logK<>+0x198(SB)/8, $0x3fbc71c71c71c71c
DATA logK<>+0x1a0(SB)/8, $0x3fc2492492492492  // 1/7
DATA logK<>+0x1a8(SB)/8, $0x3fc2492492492492
DATA logK<>+0x1b0(SB)/8, $0x3fc2492492492492
DATA logK<>+0x1b8(SB)/8, $0x3fc2492492492492
DATA logK<>+0x1c0(SB)/8, $0x3fc999999999999a  // 1/5
DATA logK<>+0x1c8(SB)/8, $0x3fc999999999999a
DATA logK<>+0x1d0(SB)/8, $0x3fc999999999999a
DATA logK<>+0x1d8(SB)/8, $0x3fc999999999999a
DATA logK<>+0x1e0(SB)/8, $0x3fd5555555555555  // 1/3
DATA logK<>+0x1e8(SB)/8, $0x3fd5555555555555
DATA logK<>+0x1f0(SB)/8, $0x3fd5555555555555
DATA logK<>+0x1f8(SB)/8, $0x3fd5555555555555
DATA logK<>+0x200(SB)/8, $0x3fae1e1e1e1e1e1e  // 1/17
DATA logK<>+0x208(SB)/8, $0x3fae1e1e1e1e1e1e
DATA logK<>+0x210(SB)/8, $0x3fae1e1e1e1e1e1e
DATA logK<>+0x218(SB)/8, $0x3fae1e1e1e1e1e1e
GLOBL logK<>(SB), RODATA|NOPTR, $544
